import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { MailTransport } from './mail-transport';

/**
 * Writes each mail as an RFC 822 `.eml` file, readable by any mail program, for installations
 * without SMTP. The files hold reset links, so the folder is 0700 and each file 0600, and a file's
 * name (timestamp and random hex) says nothing about its recipient.
 */
export class OutboxTransport implements MailTransport {
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;

  constructor(private readonly outboxDir: string) {
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async deliver(message: Mail.Options): Promise<string> {
    const { message: eml } = await this.composer.sendMail(message);
    await mkdir(this.outboxDir, { recursive: true, mode: 0o700 });
    // mkdir leaves an existing folder as it is and is subject to the umask: tighten it every time.
    await chmod(this.outboxDir, 0o700);
    const fileName = outboxFileName(new Date());
    await writeFile(join(this.outboxDir, fileName), eml, { mode: 0o600, flag: 'wx' });
    return `Wrote a mail to the outbox: ${fileName}`;
  }

  close(): void {
    this.composer.close();
  }
}

/** `2026-01-31T120000.000Z-<16 hex>.eml`: sorts by time, has no colons, names nobody. */
export function outboxFileName(now: Date): string {
  return `${now.toISOString().replace(/:/g, '')}-${randomBytes(8).toString('hex')}.eml`;
}
