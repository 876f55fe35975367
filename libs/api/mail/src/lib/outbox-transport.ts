import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
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

  /**
   * Deletes every mail in the outbox that was addressed to `address`, overwriting it with zeros
   * first: an erased account leaves no reset link or notice behind. Returns how many were removed.
   */
  async forget(address: string): Promise<number> {
    let names: string[];
    try {
      names = (await readdir(this.outboxDir)).filter((name) => name.endsWith('.eml'));
    } catch {
      return 0;
    }
    const wanted = address.trim().toLowerCase();
    let removed = 0;
    for (const name of names) {
      const file = join(this.outboxDir, name);
      const to = /^To: *(.+)$/im
        .exec(await readFile(file, 'latin1'))?.[1]
        ?.trim()
        .toLowerCase();
      if (to === wanted || to === `<${wanted}>`) {
        await overwriteAndDelete(file);
        removed++;
      }
    }
    return removed;
  }

  close(): void {
    this.composer.close();
  }
}

async function overwriteAndDelete(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    await handle.write(Buffer.alloc(size), 0, size, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await unlink(file);
}

/** `2026-01-31T120000.000Z-<16 hex>.eml`: sorts by time, has no colons, names nobody. */
export function outboxFileName(now: Date): string {
  return `${now.toISOString().replace(/:/g, '')}-${randomBytes(8).toString('hex')}.eml`;
}
