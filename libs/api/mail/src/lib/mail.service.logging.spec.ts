import { Test, TestingModule } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogCapture, startTestSmtpServer, testMailModule, TestSmtpServer } from '../testing';
import { MailSettings } from './mail-settings';
import { MailService } from './mail.service';
import { OutgoingMail } from './outgoing-mail';

const notice: OutgoingMail = {
  to: 'klientin.geheim@privat-mail.example',
  from: 'Beratungsstelle <noreply@beratung.example>',
  subject: 'Vertraulicher Betreff 4711',
  text: 'Inhalt, der nie im Log stehen darf: KANARIE-93f1\nhttps://portal.beratung.example/',
};

/** Everything that would tie a log line to the person or the mail. */
const secrets = [
  'klientin.geheim',
  'privat-mail.example',
  'Vertraulicher Betreff',
  'KANARIE-93f1',
  'smtp-passwort-77',
];

describe('MailService logging', () => {
  let tmp: string;
  let logs: LogCapture;
  let printed: string[];
  const servers: TestSmtpServer[] = [];
  const modules: TestingModule[] = [];

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'confidant-mail-'));
    logs = new LogCapture();
    printed = [];
    // Catches anything that bypasses Nest's logger, such as a library printing to the console.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      jest.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
        printed.push(String(chunk));
        return write(chunk, ...rest);
      });
    }
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(modules.splice(0).map((moduleRef) => moduleRef.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await rm(tmp, { recursive: true, force: true });
  });

  async function mailService(settings: Partial<MailSettings>): Promise<MailService> {
    const moduleRef = await Test.createTestingModule({
      imports: [testMailModule({ outboxDir: join(tmp, 'outbox'), ...settings })],
    })
      .setLogger(logs)
      .compile();
    modules.push(moduleRef);
    return moduleRef.get(MailService);
  }

  async function smtpServer(answerRecipient?: (attempt: number) => number | undefined) {
    const server = await startTestSmtpServer({
      answerRecipient,
      credentials: { user: 'portal', pass: 'smtp-passwort-77' },
    });
    servers.push(server);
    return server;
  }

  it('says that mail went out or failed, never to whom, about what or with which password', async () => {
    await (await mailService({ smtpUrl: null })).send(notice);
    await (await mailService({ smtpUrl: (await smtpServer()).url })).send(notice);
    const flaky = await smtpServer((attempt) => (attempt === 1 ? 451 : undefined));
    await (await mailService({ smtpUrl: flaky.url })).send(notice);
    const refusing = await smtpServer(() => 550);
    await expect((await mailService({ smtpUrl: refusing.url })).send(notice)).rejects.toThrow(
      'SMTP 550',
    );

    const lines = logs.lines.join('\n');
    expect(lines).toContain('Wrote a mail to the outbox');
    expect(lines).toContain('Sent a mail');
    expect(lines).toMatch(/warn: Sending a mail failed \(SMTP 451, EENVELOPE\)/);
    expect(lines).toMatch(/error: Mail delivery failed after 1 attempt: permanent .*SMTP 550/);
    for (const secret of secrets) {
      expect(lines.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(printed.join('').toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});
