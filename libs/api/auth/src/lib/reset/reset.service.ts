import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MailService } from '@confidant/api/mail';
import { ResetConfirmDto } from '@confidant/shared/api-interfaces/dto';
import { laterThan } from '@confidant/api/persistence';
import { Repository } from 'typeorm';
import { AccountService } from '../account/account.service';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';
import { AuthTokenEntity } from '../credentials/auth-token.entity';
import { EmailCipher } from '../credentials/email-cipher';
import { newToken, tokenHash } from '../credentials/tokens';
import { AuthService } from '../login/auth.service';
import { SessionService } from '../session/session.service';

/** A reset link is valid for 30 minutes and once. */
export const RESET_TOKEN_TTL_MS = 30 * 60_000;

/** Path of the web page that a reset link opens; the token travels in the fragment. */
export const RESET_PAGE_PATH = '/passwort-neu';

/**
 * Password reset by an e-mailed link, for accounts with an e-mail only. The browser makes a new
 * identity key: older conversation keys stay locked until her counsellor re-shares them.
 */
@Injectable()
export class ResetService {
  private readonly logger = new Logger(ResetService.name);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly emails: EmailCipher,
    private readonly mail: MailService,
    @InjectRepository(AuthTokenEntity) private readonly tokens: Repository<AuthTokenEntity>,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /**
   * Starts {@link request} and returns at once, so that the answer's timing does not tell whether a
   * mail goes out; a failure is logged by its kind only.
   */
  requestInBackground(username: string): void {
    const handling = this.request(username).catch((error: unknown) => {
      this.logger.error(`A password reset mail could not be sent: ${(error as Error).name}`);
    });
    this.inFlight.add(handling);
    void handling.finally(() => this.inFlight.delete(handling));
  }

  /** Resolves once no reset request is being handled; for tests, which wait for this, not sleep. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /**
   * Sends a link if the name exists and has an e-mail. The caller answers 202 in every case and
   * does not wait for the mail, so neither the answer nor its timing tells whether it was sent.
   */
  async request(username: string, now = new Date()): Promise<void> {
    const account = await this.accounts.findByUsername(username);
    if (!account?.emailCiphertext || !account.active) {
      return;
    }
    const token = newToken();
    await this.tokens.delete({ accountId: account.id, purpose: 'reset' });
    await this.tokens.insert(
      this.tokens.create({
        tokenHash: tokenHash(token),
        accountId: account.id,
        purpose: 'reset',
        expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS),
      }),
    );
    const identity = await this.settings.mailIdentity();
    await this.mail.send({
      to: this.emails.decrypt(account.id, account.emailCiphertext),
      from: identity.from,
      subject: identity.subject,
      text: resetMailText(`${this.settings.publicUrl}${RESET_PAGE_PATH}#${token}`),
    });
    this.logger.log('Sent a password reset link');
  }

  /** Sets the new password and identity key; the token is used up and every session ends. */
  async confirm(dto: ResetConfirmDto, now = new Date()): Promise<void> {
    const token = await this.tokens.findOneBy({
      tokenHash: tokenHash(dto.token),
      purpose: 'reset',
      expiresAt: laterThan(now),
    });
    const account = token ? await this.accounts.findById(token.accountId) : null;
    if (!token || !account?.active) {
      throw new BadRequestException('This link is no longer valid. Please request a new one.');
    }
    await this.auth.checkIdentity(dto);
    const deleted = await this.tokens.delete({ tokenHash: token.tokenHash });
    if (!deleted.affected) {
      throw new BadRequestException('This link is no longer valid. Please request a new one.');
    }
    await this.accounts.update(account.id, {
      ...(await this.accounts.credentials(dto)),
      keyChangedAt: now,
      // The team key was sealed to the old public key; a lead grants it again.
      teamKeyGrant: null,
    });
    await this.tokens.delete({ accountId: account.id });
    await this.sessions.destroyAll(account.id);
  }
}

/** The whole mail: no name, no content, only the link (DESIGN.md section 5). */
export function resetMailText(link: string): string {
  return [
    'Guten Tag,',
    '',
    'für Ihr Konto wurde ein neues Passwort angefordert. Mit diesem Link können Sie es in den',
    'nächsten 30 Minuten einmal festlegen:',
    '',
    link,
    '',
    'Wenn Sie das nicht angefordert haben, können Sie diese Nachricht ignorieren.',
    '',
    '---',
    '',
    'A new password was requested for your account. You can set it once within the next',
    '30 minutes with the link above. If you did not ask for this, you can ignore this message.',
  ].join('\n');
}
