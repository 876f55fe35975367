import { Global, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogCapture, readOutbox } from '../testing';
import { MailSettings } from './mail-settings';
import { MailModule } from './mail.module';
import { MailService } from './mail.service';

const notice = {
  to: 'klientin@mail.example',
  from: 'Beratungsstelle <noreply@beratung.example>',
  subject: 'Neuigkeiten',
  text: 'https://portal.beratung.example/',
};

/** Stands in for the app's configuration module, which provides settings globally. */
const APP_CONFIG = 'APP_CONFIG';

@Global()
@Module({ providers: [{ provide: APP_CONFIG, useValue: {} }], exports: [APP_CONFIG] })
class AppConfigModule {}

/** A feature module that sends mail without importing MailModule itself. */
@Injectable()
class ResetNotices {
  constructor(readonly mail: MailService) {}
}

@Module({ providers: [ResetNotices] })
class ResetModule {}

describe('MailModule', () => {
  let tmp: string;

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'confidant-mail-'));
  });

  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('provides a MailService that writes to the outbox when there is no SMTP URL', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MailModule.forRoot({ useFactory: () => ({ smtpUrl: null, outboxDir: tmp }) })],
    })
      .setLogger(new LogCapture())
      .compile();

    await moduleRef.get(MailService).send(notice);

    expect(await readOutbox(tmp)).toEqual([expect.objectContaining({ to: notice.to })]);
    await moduleRef.close();
  });

  it('reads its settings from injected configuration and serves every feature module', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule,
        MailModule.forRoot({
          inject: [APP_CONFIG],
          useFactory: async (): Promise<MailSettings> => ({
            smtpUrl: null,
            outboxDir: join(tmp, 'configured'),
          }),
        }),
        ResetModule,
      ],
    })
      .setLogger(new LogCapture())
      .compile();

    await moduleRef.get(ResetNotices).mail.send(notice);

    expect(await readOutbox(join(tmp, 'configured'))).toHaveLength(1);
    await moduleRef.close();
  });

  it('refuses an SMTP URL of another scheme at start, without repeating its password', async () => {
    const starting = Test.createTestingModule({
      imports: [
        MailModule.forRoot({
          useFactory: () => ({ smtpUrl: 'http://portal:geheim@mail.example', outboxDir: tmp }),
        }),
      ],
    })
      .setLogger(new LogCapture())
      .compile();

    await expect(starting).rejects.toThrow('must start with smtp:// or smtps://');
    await expect(starting).rejects.not.toThrow('geheim');
  });
});
