import type Mail from 'nodemailer/lib/mailer';

/**
 * Where a composed message goes: an SMTP server or the outbox folder. Both build the MIME message
 * with nodemailer, so an outbox file is byte for byte what SMTP would have carried.
 */
export interface MailTransport {
  /** Hands one message over; resolves with a line for the log that names no person. */
  deliver(message: Mail.Options): Promise<string>;
  /** Removes undelivered copies addressed to someone (the outbox); SMTP has none to remove. */
  forget?(address: string): Promise<number>;
  close(): void;
}
