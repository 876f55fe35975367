import { Injectable, Logger } from '@nestjs/common';
import {
  AccountErasure,
  AccountService,
  AuthContext,
  AuthService,
  EmailCipher,
} from '@confidant/api/auth';
import { AccountResponse } from '@confidant/shared/api-interfaces';
import { EmailChangeDto, RecoveryRenewDto } from '@confidant/shared/api-interfaces/dto';

/** What a client (or counsellor) does with her own account; every change asks for the password. */
@Injectable()
export class MeService {
  private readonly logger = new Logger(MeService.name);

  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly emails: EmailCipher,
    private readonly erasure: AccountErasure,
  ) {}

  describe(auth: AuthContext): Promise<AccountResponse> {
    return this.accounts.toResponse(auth.account);
  }

  /** Adds or replaces the e-mail; it is stored encrypted and shown to nobody else. */
  async setEmail(auth: AuthContext, dto: EmailChangeDto): Promise<void> {
    await this.auth.requireAuthKey(auth.account, dto.authKey);
    await this.accounts.update(auth.account.id, {
      emailCiphertext: this.emails.encrypt(auth.account.id, dto.email),
    });
  }

  async removeEmail(auth: AuthContext, authKey: string): Promise<void> {
    await this.auth.requireAuthKey(auth.account, authKey);
    await this.accounts.update(auth.account.id, { emailCiphertext: null });
  }

  /** A new recovery code replaces the old one: the old code no longer opens anything. */
  async renewRecovery(auth: AuthContext, dto: RecoveryRenewDto): Promise<void> {
    await this.auth.requireAuthKey(auth.account, dto.authKey);
    await this.accounts.update(auth.account.id, {
      recoveryWrappedPrivateKey: JSON.stringify(dto.recoveryWrappedPrivateKey),
      recoveryVerifierHash: await this.accounts.hashSecret(dto.recoveryVerifier),
    });
  }

  /** Erases the account at once and for good, through the same path as the retention sweep. */
  async erase(auth: AuthContext, authKey: string): Promise<void> {
    await this.auth.requireAuthKey(auth.account, authKey);
    await this.erasure.erase([auth.account.id]);
    this.logger.log('An account was deleted by its owner');
  }
}
