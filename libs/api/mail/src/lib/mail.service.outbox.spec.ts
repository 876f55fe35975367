import { TestingModule, Test } from '@nestjs/testing';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogCapture, readOutbox, testMailModule } from '../testing';
import { InvalidMailError } from './invalid-mail.error';
import { MailDeliveryError } from './mail-delivery.error';
import { MailService } from './mail.service';
import { OutgoingMail } from './outgoing-mail';

const notice: OutgoingMail = {
  to: 'klientin@mail.example',
  from: 'Beratungsstelle <noreply@beratung.example>',
  subject: 'Neuigkeiten für Sie',
  text: 'Guten Tag,\n\nes gibt Neuigkeiten für Sie. Grüße\nhttps://portal.beratung.example/\n',
};

describe('MailService without SMTP (outbox)', () => {
  let tmp: string;
  let outboxDir: string;
  let moduleRef: TestingModule;
  let mail: MailService;

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'confidant-mail-'));
    outboxDir = join(tmp, 'outbox');
    moduleRef = await Test.createTestingModule({ imports: [testMailModule({ outboxDir })] })
      .setLogger(new LogCapture())
      .compile();
    mail = moduleRef.get(MailService);
  });

  afterEach(async () => {
    await moduleRef.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it("forgets an address: its mails are removed, everyone else's stay", async () => {
    await mail.send(notice);
    await mail.send({ ...notice, to: 'andere@mail.example' });
    await mail.send(notice);

    expect(await mail.forgetRecipient('KLIENTIN@mail.example')).toBe(2);

    const left = await readOutbox(outboxDir);
    expect(left.map((entry) => entry.to)).toEqual(['andere@mail.example']);
    expect(await mail.forgetRecipient('nobody@mail.example')).toBe(0);
  });

  it('writes one .eml file, 0600 in a 0700 folder, with exactly the given fields', async () => {
    await mail.send(notice);

    const files = await readdir(outboxDir);
    expect(files).toHaveLength(1);
    expect((await stat(outboxDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(outboxDir, files[0]))).mode & 0o777).toBe(0o600);
    const [written] = await readOutbox(outboxDir);
    expect(written).toMatchObject({
      from: notice.from,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
    });
  });

  it('writes a 7-bit RFC 822 file: umlauts encoded per RFC 2047, plain text, no X-Mailer', async () => {
    await mail.send(notice);

    const [{ raw, headers }] = await readOutbox(outboxDir);
    expect(raw).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(raw).toContain('\r\n\r\n');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[QB]\?\S+\?=\r$/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8\r$/m);
    expect(raw).not.toMatch(/text\/html|<img|multipart/i);
    expect(raw).not.toMatch(/^X-Mailer:/im);
    expect(headers.map(([name]) => name)).not.toContain('x-mailer');
    expect(raw).toMatch(/^Message-ID: <[^@>\s]+@beratung\.example>\r$/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated\r$/m);
  });

  it('names files by time and chance, never by recipient', async () => {
    await mail.send(notice);
    await mail.send({ ...notice, to: 'zweite@andere.example' });

    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(file).toMatch(/^\d{4}-\d\d-\d\dT\d{6}\.\d{3}Z-[0-9a-f]{16}\.eml$/);
    }
    expect(files.join(' ')).not.toMatch(/klientin|zweite|mail\.example|andere/);
    expect((await readOutbox(outboxDir)).map((m) => m.to).sort()).toEqual([
      'klientin@mail.example',
      'zweite@andere.example',
    ]);
  });

  it('tightens an outbox folder that already exists with looser permissions', async () => {
    await mkdir(outboxDir, { mode: 0o755 });

    await mail.send(notice);

    expect((await stat(outboxDir)).mode & 0o777).toBe(0o700);
  });

  it.each([
    ['a recipient with an injected Bcc header', { to: 'a@b.example\r\nBcc: x@y.example' }],
    ['two recipients', { to: 'a@b.example, x@y.example' }],
    ['a subject with a line break', { subject: 'Neuigkeiten\r\nBcc: x@y.example' }],
  ])('refuses %s and writes nothing', async (_case, change) => {
    await expect(mail.send({ ...notice, ...change })).rejects.toBeInstanceOf(InvalidMailError);

    expect(await readOutbox(outboxDir)).toEqual([]);
  });

  it('throws MailDeliveryError at once when the outbox cannot be written', async () => {
    const blocker = join(tmp, 'a-file');
    await writeFile(blocker, '');
    const blockedRef = await Test.createTestingModule({
      imports: [testMailModule({ outboxDir: join(blocker, 'outbox') })],
    })
      .setLogger(new LogCapture())
      .compile();

    const sending = blockedRef.get(MailService).send(notice);

    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toMatchObject({ attempts: 1, transient: false, code: 'ENOTDIR' });
    await blockedRef.close();
  });
});
