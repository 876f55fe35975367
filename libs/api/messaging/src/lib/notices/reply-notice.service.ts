import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AccountService, AUTH_SETTINGS, AuthSettings, EmailCipher } from '@confidant/api/auth';
import { MailService } from '@confidant/api/mail';
import { Repository } from 'typeorm';
import { ConversationEntity } from '../conversations/conversation.entity';

/** At most one notice per conversation within this time. */
export const NOTICE_INTERVAL_MS = 60 * 60_000;

/**
 * Tells a client with an e-mail that there is news, without saying what or from whom (DESIGN.md
 * section 5): neutral sender and subject, only the portal's address, at most one per hour and
 * conversation, whatever the news (a reply, or a date proposed or cancelled: the words are the same,
 * so nobody can tell which). The hour is claimed on the conversation's `last_notice_mail_at`.
 */
@Injectable()
export class ReplyNoticeService {
  private readonly logger = new Logger(ReplyNoticeService.name);

  constructor(
    @InjectRepository(ConversationEntity)
    private readonly conversations: Repository<ConversationEntity>,
    private readonly accounts: AccountService,
    private readonly emails: EmailCipher,
    private readonly mail: MailService,
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
    this.send(conversation, now).catch((error: unknown) =>
      this.logger.warn(`A notice could not be sent: ${(error as Error).name}`),
    );
  }

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
    const identity = await this.settings.mailIdentity();
    await this.mail.send({
      to: this.emails.decrypt(client.id, client.emailCiphertext),
      from: identity.from,
      subject: identity.subject,
      text: noticeText(this.settings.publicUrl),
    });
    this.logger.log('Sent a notice');
    return true;
  }

  /** False when what was loaded already says no: a notice within the hour, or no e-mail. */
  private mayNotify(conversation: ConversationEntity, now: Date): boolean {
    const last = conversation.lastNoticeMailAt;
    if (last && last.getTime() >= now.getTime() - NOTICE_INTERVAL_MS) {
      return false;
    }
    return !conversation.client || Boolean(conversation.client.emailCiphertext);
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
