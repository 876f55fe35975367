import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { VALIDATION_OPTIONS } from '../lib/rate-limit/valid-body.guard';
import { AuthModule } from '../lib/auth.module';
import { AuthSettings } from '../lib/auth-settings';
import { TEST_KDF_ITERATIONS } from './test-identity';

export const TEST_PUBLIC_URL = 'http://portal.test';

/** Settings for module tests; override what a test is about. */
export function testAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    kdfIterations: TEST_KDF_ITERATIONS,
    serverSecret: new Uint8Array(32).fill(7),
    publicUrl: TEST_PUBLIC_URL,
    secureCookies: false,
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    mailIdentity: async () => ({ from: 'Beratung <noreply@portal.test>', subject: 'Neuigkeiten' }),
    ...overrides,
  };
}

/** The auth module as the application installs it (global session guard included). */
export function testAuthModule(overrides: Partial<AuthSettings> = {}): DynamicModule {
  return AuthModule.forRoot({ useFactory: () => testAuthSettings(overrides) });
}

/** The request pipeline parts of `createApp` that module tests need. */
export function applyApiPipeline(app: INestApplication): void {
  app.useGlobalPipes(new ValidationPipe(VALIDATION_OPTIONS));
}
