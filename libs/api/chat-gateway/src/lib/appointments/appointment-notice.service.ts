import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AccountService, AUTH_SETTINGS, AuthSettings, EmailCipher } from '@confidant/api/auth';
import { MailService } from '@confidant/api/mail';
import { ConversationEntity } from '@confidant/api/messaging';
import { Repository } from 'typeorm';

/** At most one notice per conversation within this time, whatever the news. */
export const NOTICE_INTERVAL_MS = 60 * 60_000;

/**
 * Tells a client with an e-mail that there is news when her counsellor proposes or cancels a
 * date: the same neutral words as the reply notice, no date, no name, only the portal's address
 * (DESIGN.md section 5). The hour is claimed on the conversation's `last_notice_mail_at`, the
 * column the reply notices use, so that both kinds together send at most one mail an hour.
 */
@Injectable()
export class AppointmentNoticeService {
  private readonly logger = new Logger(AppointmentNoticeService.name);

  constructor(
    @InjectRepository(ConversationEntity)
    private readonly conversations: Repository<ConversationEntity>,
    private readonly accounts: AccountService,
    private readonly emails: EmailCipher,
    private readonly mail: MailService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** Sends in the background; a failed mail never fails the request. */
  notify(conversation: ConversationEntity, now = new Date()): void {
    this.send(conversation, now).catch((error: unknown) =>
      this.logger.warn(`An appointment notice could not be sent: ${(error as Error).name}`),
    );
  }

  async send(conversation: ConversationEntity, now: Date): Promise<boolean> {
    const client = await this.accounts.findById(conversation.clientId);
    if (!client?.emailCiphertext) {
      return false;
    }
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
      text: appointmentNoticeText(this.settings.publicUrl),
    });
    this.logger.log('Sent an appointment notice');
    return true;
  }
}

/** The whole notice, word for word the reply notice: nobody can tell which news it is. */
export function appointmentNoticeText(portalUrl: string): string {
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
