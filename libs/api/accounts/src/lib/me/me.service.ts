import { Injectable, Logger } from '@nestjs/common';
import {
  AccountErasure,
  AccountService,
  AuthContext,
  AuthService,
  EmailCipher,
} from '@confidant/api/auth';
import { MailService } from '@confidant/api/mail';
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
    private readonly mail: MailService,
  ) {}

  describe(auth: AuthContext): Promise<AccountResponse> {
    return this.accounts.toResponse(auth.account);
  }

  /**
   * Adds or replaces the e-mail; it is stored encrypted and shown to nobody else. Mails still
   * waiting in the outbox for the old address (a reset link, a notice) are removed: the old
   * address is no longer hers to be written to, and erasure later knows only the new one.
   */
  async setEmail(auth: AuthContext, dto: EmailChangeDto): Promise<void> {
    await this.auth.requireAuthKey(auth.account, dto.authKey);
    const previous = this.currentEmail(auth);
    await this.accounts.update(auth.account.id, {
      emailCiphertext: this.emails.encrypt(auth.account.id, dto.email),
    });
    if (previous && previous.trim().toLowerCase() !== dto.email.trim().toLowerCase()) {
      await this.forgetMails(previous);
    }
  }

  /** Removes the e-mail and the mails still waiting in the outbox for it. */
  async removeEmail(auth: AuthContext, authKey: string): Promise<void> {
    await this.auth.requireAuthKey(auth.account, authKey);
    const previous = this.currentEmail(auth);
    await this.accounts.update(auth.account.id, { emailCiphertext: null });
    if (previous) {
      await this.forgetMails(previous);
    }
  }

  private currentEmail(auth: AuthContext): string | null {
    const ciphertext = auth.account.emailCiphertext;
    return ciphertext ? this.emails.decrypt(auth.account.id, ciphertext) : null;
  }

  private async forgetMails(address: string): Promise<void> {
    const removed = await this.mail.forgetRecipient(address);
    if (removed > 0) {
      this.logger.log(`Removed ${removed} waiting mail(s) for a replaced e-mail address`);
    }
  }

  /** A new recovery code replaces the old one: the old code no longer opens anything. */
  async renewRecovery(auth: AuthContext, dto: RecoveryRenewDto): Promise<void> {
    await this.auth.requireAuthKey(auth.account, dto.authKey);
    await this.accounts.update(auth.account.id, {
      recoveryWrappedPrivateKey: JSON.stringify(dto.recoveryWrappedPrivateKey),
      recoveryVerifierHash: await this.accounts.hashSecret(dto.recoveryVerifier),
      // The new code is kept only once she says so, as after registration.
      recoveryConfirmedAt: null,
    });
  }

  /**
   * She says she kept her current recovery code (saved, printed or written down, and typed its
   * last group back). Asks for no password: it changes nothing but whether her account page
   * reminds her. Saying it again keeps the first time.
   */
  async confirmRecovery(auth: AuthContext, now = new Date()): Promise<void> {
    if (auth.account.recoveryConfirmedAt === null) {
      await this.accounts.update(auth.account.id, { recoveryConfirmedAt: now });
    }
  }

  /** Erases the account at once and for good, through the same path as the retention sweep. */
  async erase(auth: AuthContext, authKey: string): Promise<void> {
    await this.auth.requireAuthKey(auth.account, authKey);
    await this.erasure.erase([auth.account.id]);
    this.logger.log('An account was deleted by its owner');
  }
}
