import { Test, TestingModule } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LogCapture,
  parseMail,
  readOutbox,
  startTestSmtpServer,
  testMailModule,
  TestSmtpServer,
} from '../testing';
import { InvalidMailError } from './invalid-mail.error';
import { MailDeliveryError } from './mail-delivery.error';
import { MailSettings } from './mail-settings';
import { MailService } from './mail.service';
import { OutgoingMail } from './outgoing-mail';

const notice: OutgoingMail = {
  to: 'klientin@mail.example',
  from: 'Beratungsstelle <noreply@beratung.example>',
  subject: 'Neuigkeiten für Sie',
  text: 'Es gibt Neuigkeiten für Sie.\nhttps://portal.beratung.example/\n',
};

describe('MailService with SMTP', () => {
  let tmp: string;
  let server: TestSmtpServer | undefined;
  let moduleRef: TestingModule | undefined;

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'confidant-mail-'));
  });

  afterEach(async () => {
    await moduleRef?.close();
    await server?.close();
    moduleRef = undefined;
    server = undefined;
    await rm(tmp, { recursive: true, force: true });
  });

  async function mailService(settings: Partial<MailSettings>): Promise<MailService> {
    moduleRef = await Test.createTestingModule({
      imports: [testMailModule({ outboxDir: join(tmp, 'outbox'), ...settings })],
    })
      .setLogger(new LogCapture())
      .compile();
    return moduleRef.get(MailService);
  }

  it('delivers exactly one message with the right envelope and content, and no outbox file', async () => {
    server = await startTestSmtpServer();
    const mail = await mailService({ smtpUrl: server.url });

    await mail.send(notice);

    expect(server.received).toHaveLength(1);
    const [received] = server.received;
    expect(received.from).toBe('noreply@beratung.example');
    expect(received.to).toEqual(['klientin@mail.example']);
    expect(parseMail(received.raw)).toMatchObject({
      from: notice.from,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
    });
    expect(received.raw).not.toMatch(/^X-Mailer:/im);
    expect(received.raw).toMatch(/^Message-ID: <[^@>\s]+@beratung\.example>\r$/m);
    expect(await readOutbox(join(tmp, 'outbox'))).toEqual([]);
  });

  it('logs in with the user and password of the SMTP URL', async () => {
    server = await startTestSmtpServer({ credentials: { user: 'portal', pass: 'g3h:eim@' } });
    const mail = await mailService({ smtpUrl: server.url });

    await mail.send(notice);

    expect(server.received).toHaveLength(1);
  });

  it('fails at once, without retrying, when the SMTP password is wrong', async () => {
    server = await startTestSmtpServer({ credentials: { user: 'portal', pass: 'richtig' } });
    const mail = await mailService({ smtpUrl: server.url.replace('richtig', 'falsch') });

    await expect(mail.send(notice)).rejects.toMatchObject({
      name: 'MailDeliveryError',
      attempts: 1,
      transient: false,
      responseCode: 535,
    });
    expect(server.received).toEqual([]);
  });

  it('throws MailDeliveryError on a 550 and does not retry', async () => {
    server = await startTestSmtpServer({ answerRecipient: () => 550 });
    const mail = await mailService({ smtpUrl: server.url });

    const error = await mail.send(notice).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ attempts: 1, transient: false, responseCode: 550 });
    expect(server.recipientAttempts).toEqual(['klientin@mail.example']);
    expect(server.received).toEqual([]);
    expect(String((error as Error).message)).not.toMatch(/klientin|mail\.example/);
  });

  it('delivers on the third attempt after two 451 answers', async () => {
    server = await startTestSmtpServer({ answerRecipient: (n) => (n <= 2 ? 451 : undefined) });
    const mail = await mailService({ smtpUrl: server.url });

    await mail.send(notice);

    expect(server.recipientAttempts).toHaveLength(3);
    expect(server.received).toHaveLength(1);
    expect(server.received[0].to).toEqual(['klientin@mail.example']);
  });

  it('gives up after three 451 answers, waiting the configured delays in between', async () => {
    server = await startTestSmtpServer({ answerRecipient: () => 451 });
    const mail = await mailService({ smtpUrl: server.url, retryDelaysMs: [60, 120] });
    const started = Date.now();

    const error = await mail.send(notice).catch((caught: unknown) => caught);

    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ attempts: 3, transient: true, responseCode: 451 });
    expect(server.recipientAttempts).toHaveLength(3);
    expect(server.received).toEqual([]);
  });

  it('retries a refused connection and then throws a transient MailDeliveryError', async () => {
    const gone = await startTestSmtpServer();
    await gone.close();
    const mail = await mailService({ smtpUrl: gone.url });

    await expect(mail.send(notice)).rejects.toMatchObject({
      name: 'MailDeliveryError',
      attempts: 3,
      transient: true,
      code: 'ESOCKET',
    });
  });

  it.each([
    ['a recipient with an injected Bcc header', { to: 'a@b.example\r\nBcc: x@y.example' }],
    ['a subject with a line break', { subject: 'Hallo\r\nBcc: x@y.example' }],
  ])('refuses %s and sends nothing', async (_case, change) => {
    server = await startTestSmtpServer();
    const mail = await mailService({ smtpUrl: server.url });

    await expect(mail.send({ ...notice, ...change })).rejects.toBeInstanceOf(InvalidMailError);

    expect(server.recipientAttempts).toEqual([]);
    expect(server.received).toEqual([]);
  });
});
