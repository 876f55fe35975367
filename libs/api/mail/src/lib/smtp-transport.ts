import { createTransport, Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { MailTransport } from './mail-transport';

/**
 * Sends through the SMTP server of `SMTP_URL`. Timeouts are short because a reset request waits
 * for the mail; nodemailer's own logger stays off, as it would print addresses and the session.
 */
export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    if (!/^smtps?:\/\//i.test(smtpUrl)) {
      // The URL itself may hold a password: never repeat it in the message.
      throw new Error('Mail settings: the SMTP URL must start with smtp:// or smtps://');
    }
    this.transporter = createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      logger: false,
      debug: false,
    });
  }

  /** The server's host name, for the start-up log line (without user or password). */
  static hostOf(smtpUrl: string): string {
    try {
      return new URL(smtpUrl).hostname;
    } catch {
      return 'an unreadable URL';
    }
  }

  async deliver(message: Mail.Options): Promise<string> {
    await this.transporter.sendMail(message);
    return 'Sent a mail';
  }

  close(): void {
    this.transporter.close();
  }
}
