import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccountService, AuthContext, AuthService, EmailCipher } from '@confidant/api/auth';
import { checkpointWal } from '@confidant/api/persistence';
import { AccountResponse } from '@confidant/shared/api-interfaces';
import { EmailChangeDto, RecoveryRenewDto } from '@confidant/shared/api-interfaces/dto';
import { DataSource } from 'typeorm';

/** What a client (or counsellor) does with her own account; every change asks for the password. */
@Injectable()
export class MeService {
  private readonly logger = new Logger(MeService.name);

  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly emails: EmailCipher,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  describe(auth: AuthContext): AccountResponse {
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

  /**
   * Erases the account at once and for good: its row and, through the foreign keys, its sessions
   * and tokens; then the write-ahead log is checkpointed so that, with `secure_delete`, nothing
   * of it can be read back from the database files.
   */
  async erase(auth: AuthContext, authKey: string): Promise<void> {
    await this.auth.requireAuthKey(auth.account, authKey);
    await this.accounts.erase(auth.account.id);
    await checkpointWal(this.dataSource);
    this.logger.log('An account was deleted by its owner');
  }
}
