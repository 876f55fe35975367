import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CentreService } from '@confidant/api/accounts';
import { AccountService, AUTH_SETTINGS, AuthSettings, EmailCipher } from '@confidant/api/auth';
import { mailFailureOf, MailService } from '@confidant/api/mail';
import { Repository } from 'typeorm';
import { ConversationEntity } from '../conversations/conversation.entity';

/** At most one notice per conversation within this time. */
export const NOTICE_INTERVAL_MS = 60 * 60_000;

/**
 * Waits before each new try of a notice that could not be sent (after the mailer's own quick
 * retries): a mail server that is down, or a sender the lead is about to correct, gets minutes to
 * hours. Its length is the number of tries after the first; then the notice is given up (the next
 * news tries again).
 */
export const NOTICE_RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
];

interface PendingRetry {
  /** Index into the delays of the retry after this one. */
  next: number;
  /** Epoch milliseconds from which it is due. */
  dueAt: number;
}

/**
 * Tells a client with an e-mail that there is news, without saying what or from whom (DESIGN.md
 * section 5): neutral sender and subject, only the portal's address, at most one per hour and
 * conversation, whatever the news (a reply, or a date proposed or cancelled: the words are the same,
 * so nobody can tell which). The hour is claimed on the conversation's `last_notice_mail_at` while
 * the mail is sent, and given back if it could not be: then the notice is tried again with backoff
 * ({@link NOTICE_RETRY_DELAYS_MS}), and the lead sees why it failed in her settings.
 *
 * The retries are kept in memory by conversation id only: each try reads the conversation and her
 * current address again, so a changed or removed e-mail is never mailed to the old address.
 */
@Injectable()
export class ReplyNoticeService implements OnModuleDestroy {
  private readonly logger = new Logger(ReplyNoticeService.name);
  /** Conversations whose notice failed, with when to try again. */
  private readonly retries = new Map<string, PendingRetry>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  /** Backoff between tries; tests may replace it. */
  retryDelaysMs: readonly number[] = NOTICE_RETRY_DELAYS_MS;

  constructor(
    @InjectRepository(ConversationEntity)
    private readonly conversations: Repository<ConversationEntity>,
    private readonly accounts: AccountService,
    private readonly emails: EmailCipher,
    private readonly mail: MailService,
    private readonly centre: CentreService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /**
   * Sends in the background; a failed mail never fails the reply. The conversation as the access
   * check loaded it (with its client) answers the common cases without the database: a notice
   * went out within the hour, or the client has no e-mail.
   */
  notify(conversation: ConversationEntity, now = new Date()): void {
    if (!this.mayNotify(conversation, now)) {
      return;
    }
    this.track(
      this.send(conversation, now).catch(() => this.scheduleRetry(conversation.id, 0, now)),
    );
  }

  /**
   * Claims the hour, sends, and gives the hour back if the mail could not be sent (then records
   * why for the lead and throws). True when a notice went out, false when none was due.
   */
  async send(conversation: ConversationEntity, now: Date): Promise<boolean> {
    if (!this.mayNotify(conversation, now)) {
      return false;
    }
    const client = conversation.client ?? (await this.accounts.findById(conversation.clientId));
    if (!client?.emailCiphertext) {
      return false;
    }
    // Claim the hour first, so that two replies at once send one mail. The database decides.
    const claimed = await this.conversations
      .createQueryBuilder()
      .update()
      .set({ lastNoticeMailAt: now })
      .where('id = :id', { id: conversation.id })
      .andWhere('(last_notice_mail_at IS NULL OR last_notice_mail_at < :limit)', {
        limit: now.getTime() - NOTICE_INTERVAL_MS,
      })
      .execute();
    if (!claimed.affected) {
      return false;
    }
    try {
      const identity = await this.centre.mailIdentity();
      await this.mail.send({
        to: this.emails.decrypt(client.id, client.emailCiphertext),
        from: identity.from,
        subject: identity.subject,
        text: noticeText(this.settings.publicUrl),
      });
    } catch (error) {
      await this.releaseClaim(conversation, now);
      const failure = mailFailureOf(error);
      await this.centre.recordNoticeFailure(failure, now);
      this.logger.warn(
        `A notice could not be sent (${failure.reason}${failure.detail ? `: ${failure.detail}` : ''})`,
      );
      throw error;
    }
    this.retries.delete(conversation.id);
    await this.centre.recordNoticeSent();
    this.logger.log('Sent a notice');
    return true;
  }

  /**
   * Tries again every notice whose retry is due; the timer calls it, tests call it with their own
   * clock. Each try reads the conversation anew: a notice sent meanwhile, or an e-mail removed,
   * ends the retry. Returns how many were sent.
   */
  async retryDue(now = new Date()): Promise<number> {
    let sent = 0;
    for (const [id, retry] of [...this.retries]) {
      if (retry.dueAt > now.getTime()) {
        continue;
      }
      this.retries.delete(id);
      const conversation = await this.conversations.findOneBy({ id });
      if (!conversation) {
        continue;
      }
      try {
        sent += (await this.send(conversation, now)) ? 1 : 0;
      } catch {
        this.scheduleRetry(id, retry.next, now);
      }
    }
    this.armTimer();
    return sent;
  }

  /** Resolves once no notice is being sent; for tests, which wait for this rather than sleep. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  onModuleDestroy(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.retries.clear();
  }

  /** False when what was loaded already says no: a notice within the hour, or no e-mail. */
  private mayNotify(conversation: ConversationEntity, now: Date): boolean {
    const last = conversation.lastNoticeMailAt;
    if (last && last.getTime() >= now.getTime() - NOTICE_INTERVAL_MS) {
      return false;
    }
    return !conversation.client || Boolean(conversation.client.emailCiphertext);
  }

  /** Gives the hour back, unless a later claim has taken it meanwhile. */
  private async releaseClaim(conversation: ConversationEntity, claimedAt: Date): Promise<void> {
    await this.conversations
      .createQueryBuilder()
      .update()
      .set({ lastNoticeMailAt: conversation.lastNoticeMailAt ?? null })
      .where('id = :id', { id: conversation.id })
      .andWhere('last_notice_mail_at = :claimedAt', { claimedAt: claimedAt.getTime() })
      .execute();
  }

  private scheduleRetry(id: string, index: number, now: Date): void {
    if (index >= this.retryDelaysMs.length) {
      this.retries.delete(id);
      this.logger.warn('A notice was given up after its retries; the next news tries again');
      return;
    }
    if (!this.retries.has(id)) {
      this.retries.set(id, { next: index + 1, dueAt: now.getTime() + this.retryDelaysMs[index] });
    }
    this.armTimer();
  }

  /** One timer for the earliest due retry; it does not keep the process alive. */
  private armTimer(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.retries.size === 0) {
      return;
    }
    const next = Math.min(...[...this.retries.values()].map((retry) => retry.dueAt));
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.track(
          this.retryDue().catch((error: unknown) =>
            this.logger.warn(`Retrying notices failed: ${(error as Error).name}`),
          ),
        );
      },
      Math.max(0, next - Date.now()),
    );
    this.timer.unref();
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
  }
}

/** The whole notice: no name, no content, only the link. */
export function noticeText(portalUrl: string): string {
  return [
    'Guten Tag,',
    '',
    'in Ihrem Postfach gibt es Neuigkeiten. Bitte melden Sie sich an, um sie zu lesen:',
    '',
    `${portalUrl}/`,
    '',
    '---',
    '',
    'There is news in your mailbox. Please log in to read it.',
  ].join('\n');
}
