import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type Mail from 'nodemailer/lib/mailer';
import { composeMessage } from './compose-message';
import { classifyFailure, describeFailure } from './delivery-failure';
import { MailDeliveryError } from './mail-delivery.error';
import { DEFAULT_RETRY_DELAYS_MS, MAIL_SETTINGS, MailSettings } from './mail-settings';
import { MailTransport } from './mail-transport';
import { OutgoingMail } from './outgoing-mail';
import { OutboxTransport } from './outbox-transport';
import { SmtpTransport } from './smtp-transport';

/**
 * The portal's only way to send e-mail. Its log lines say that a mail went out or failed, never to
 * whom, with which subject or what it said (DESIGN.md section 5): an address in a log would tie an
 * anonymous account to a person.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: MailTransport;
  private readonly retryDelaysMs: readonly number[];

  constructor(@Inject(MAIL_SETTINGS) settings: MailSettings) {
    if (settings.smtpUrl) {
      this.transport = new SmtpTransport(settings.smtpUrl);
      this.logger.log(`Mail goes to the SMTP server ${SmtpTransport.hostOf(settings.smtpUrl)}`);
    } else {
      this.transport = new OutboxTransport(settings.outboxDir);
      this.logger.log(`No SMTP server: mail is written to ${settings.outboxDir}`);
    }
    this.retryDelaysMs = settings.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  /**
   * Sends one plain-text mail. Throws `InvalidMailError` before anything is sent if a field could
   * inject headers or recipients. Retries temporary SMTP failures; throws `MailDeliveryError` on a
   * permanent failure or when the retries are used up. The caller decides what that means.
   */
  async send(mail: OutgoingMail): Promise<void> {
    const message = composeMessage(mail);
    this.logger.log(await this.deliverWithRetries(message));
  }

  /**
   * Removes the mails still kept here for an address (outbox mode), when its account is erased.
   * Mail already handed to an SMTP server is outside the portal's reach.
   */
  async forgetRecipient(address: string): Promise<number> {
    return (await this.transport.forget?.(address)) ?? 0;
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  private async deliverWithRetries(message: Mail.Options): Promise<string> {
    const attempts = this.retryDelaysMs.length + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transport.deliver(message);
      } catch (error) {
        const failure = classifyFailure(error);
        if (!failure.transient || attempt === attempts) {
          const deliveryError = new MailDeliveryError(attempt, failure);
          this.logger.error(deliveryError.message);
          throw deliveryError;
        }
        const delay = this.retryDelaysMs[attempt - 1];
        this.logger.warn(
          `Sending a mail failed (${describeFailure(failure)}); ` +
            `attempt ${attempt + 1} of ${attempts} in ${delay} ms`,
        );
        await sleep(delay);
      }
    }
  }
}
