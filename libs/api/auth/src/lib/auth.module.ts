import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountErasure } from './account/account-erasure';
import { AccountEntity } from './account/account.entity';
import { DeletionDates } from './account/deletion-dates';
import { AccountService } from './account/account.service';
import { AUTH_SETTINGS, AuthSettings } from './auth-settings';
import { AuthTokenEntity } from './credentials/auth-token.entity';
import { EmailCipher } from './credentials/email-cipher';
import { SecretHasher } from './credentials/secret-hasher';
import { AuthController } from './login/auth.controller';
import { AuthService } from './login/auth.service';
import { LocalStrategy } from './login/local.strategy';
import { SessionResponder } from './login/session-responder';
import { BoundedThrottlerStorage } from './rate-limit/bounded-throttler-storage';
import { CredentialKeys } from './rate-limit/credential-limits';
import {
  CredentialLimiter,
  CredentialThrottlerGuard,
  credentialThrottlerOptions,
} from './rate-limit/credential-throttler';
import { RecoveryController } from './recovery/recovery.controller';
import { RecoveryService } from './recovery/recovery.service';
import { ResetController } from './reset/reset.controller';
import { ResetService } from './reset/reset.service';
import { RolesGuard } from './session/roles.guard';
import { SessionCookie } from './session/session-cookie';
import { SessionGuard } from './session/session.guard';
import { SessionEntity } from './session/session.entity';
import { SessionEvents } from './session/session-events';
import { SessionPurge } from './session/session-purge';
import { SessionService } from './session/session.service';

export interface AuthModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => AuthSettings | Promise<AuthSettings>;
}

/**
 * Accounts, sessions and the credential flows: prelogin, registration, login, password change,
 * reset by link and by recovery code. Installs the global session guard, so every route of the
 * application needs a session unless it is marked `@Public()`. Global, so that feature modules can
 * use its guards and services without importing it again.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const settings: Provider = {
      provide: AUTH_SETTINGS,
      inject: options.inject ?? [],
      useFactory: options.useFactory,
    };
    return {
      module: AuthModule,
      global: true,
      imports: [
        PassportModule,
        TypeOrmModule.forFeature([AccountEntity, SessionEntity, AuthTokenEntity]),
      ],
      controllers: [AuthController, ResetController, RecoveryController],
      providers: [
        settings,
        {
          provide: CredentialKeys,
          inject: [AUTH_SETTINGS],
          useFactory: (s: AuthSettings) => new CredentialKeys(s.serverSecret),
        },
        {
          provide: getOptionsToken(),
          inject: [CredentialKeys],
          useFactory: credentialThrottlerOptions,
        },
        { provide: getStorageToken(), useFactory: () => new BoundedThrottlerStorage() },
        CredentialLimiter,
        CredentialThrottlerGuard,
        AccountErasure,
        AccountService,
        AuthService,
        DeletionDates,
        EmailCipher,
        LocalStrategy,
        RecoveryService,
        ResetService,
        RolesGuard,
        SecretHasher,
        SessionCookie,
        SessionGuard,
        SessionEvents,
        SessionPurge,
        SessionResponder,
        SessionService,
        { provide: APP_GUARD, useExisting: SessionGuard },
      ],
      exports: [
        AccountErasure,
        AccountService,
        AuthService,
        DeletionDates,
        EmailCipher,
        CredentialKeys,
        CredentialLimiter,
        CredentialThrottlerGuard,
        getOptionsToken(),
        getStorageToken(),
        SessionCookie,
        SessionEvents,
        SessionResponder,
        SessionService,
        AUTH_SETTINGS,
      ],
    };
  }
}
