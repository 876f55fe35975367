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
 * section 5): neutral sender and subject, only the portal's address, at most one per hour.
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

  /** Sends in the background; a failed mail never fails the reply. */
  notify(conversation: ConversationEntity, now = new Date()): void {
    this.send(conversation, now).catch((error: unknown) =>
      this.logger.warn(`A reply notice could not be sent: ${(error as Error).name}`),
    );
  }

  async send(conversation: ConversationEntity, now: Date): Promise<boolean> {
    const client = await this.accounts.findById(conversation.clientId);
    if (!client?.emailCiphertext) {
      return false;
    }
    // Claim the hour first, so that two replies at once send one mail.
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
    this.logger.log('Sent a reply notice');
    return true;
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
