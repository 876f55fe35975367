import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readOutbox, testMailModule } from '@confidant/api/mail/testing';
import { PersistenceModule } from '@confidant/api/persistence';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { applyApiPipeline, makeIdentity, openRegistration, testAuthModule } from '../../testing';
import { SessionEvents, SessionsEnded } from '../session/session-events';
import { AccountErasure } from './account-erasure';
import { ResetService } from '../reset/reset.service';

describe('AccountErasure', () => {
  let app: INestApplication;
  let dataDir: string;
  let outbox: string;
  let ended: SessionsEnded[];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confidant-erasure-'));
    outbox = join(dataDir, 'outbox');
    // The database as the portal runs it: a file in WAL mode with secure_delete, from the migrations.
    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRootAsync({
          useFactory: () => ({ databasePath: join(dataDir, 'confidant.sqlite') }),
        }),
        testMailModule({ outboxDir: outbox }),
        testAuthModule(),
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    applyApiPipeline(app);
    await app.init();
    await openRegistration(app);
    ended = [];
    app.get(SessionEvents).onEnded((event) => ended.push(event));
  });

  afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const erasure = () => app.get(AccountErasure);
  const database = () => app.get(DataSource);
  const walBytes = () => statSync(join(dataDir, 'confidant.sqlite-wal')).size;

  /** Registers her (with a session) and has a reset link mailed to her: a token row and a mail. */
  async function client(username: string) {
    const identity = await makeIdentity();
    const email = `${username}@example.org`;
    const response = await request(app.getHttpServer())
      .post('/auth/register')
      .send({ username, ...identity.body, email })
      .expect(201);
    await request(app.getHttpServer()).post('/auth/reset/request').send({ username }).expect(202);
    await app.get(ResetService).idle();
    expect((await readOutbox(outbox)).some((mail) => mail.to === email)).toBe(true);
    return { id: response.body.account.id as string, username, email };
  }

  async function rowsOf(id: string) {
    const count = async (sql: string) =>
      Number((await database().query(sql, [id]))[0].n as number | string);
    return {
      account: await count('SELECT COUNT(*) AS n FROM account WHERE id = ?'),
      sessions: await count('SELECT COUNT(*) AS n FROM session WHERE account_id = ?'),
      tokens: await count('SELECT COUNT(*) AS n FROM auth_token WHERE account_id = ?'),
    };
  }

  function stored(): string {
    const files = readdirSync(dataDir).filter((name) => name.startsWith('confidant.sqlite'));
    const outboxFiles = existsSync(outbox) ? readdirSync(outbox).map((n) => join(outbox, n)) : [];
    return [...files.map((name) => join(dataDir, name)), ...outboxFiles]
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
  }

  it('erases her rows, sessions, tokens and mails, and leaves everyone else alone', async () => {
    const her = await client('mondlicht');
    const other = await client('sonnenschein');
    expect(await rowsOf(her.id)).toEqual({ account: 1, sessions: 1, tokens: 1 });

    expect(await erasure().erase([her.id, 'no-such-account'])).toBe(1);

    expect(await rowsOf(her.id)).toEqual({ account: 0, sessions: 0, tokens: 0 });
    expect(await rowsOf(other.id)).toEqual({ account: 1, sessions: 1, tokens: 1 });
    expect((await readOutbox(outbox)).map((mail) => mail.to)).toEqual([other.email]);
    expect(ended).toEqual([{ accountIds: [her.id] }]);
    const files = stored();
    expect(files).not.toContain(her.username);
    expect(files).not.toContain(her.email);
    expect(files).toContain(other.username);
    expect(walBytes()).toBe(0);
  });

  it('leaves the compaction of a sweep batch to one compact() after the last batch', async () => {
    const first = await client('mondlicht');
    const second = await client('sonnenschein');
    await erasure().compact();

    expect(await erasure().erase([first.id], { compact: false })).toBe(1);
    expect(await erasure().erase([second.id], { compact: false })).toBe(1);

    // Each batch is committed at once; the log file keeps the batches' pages until compact().
    expect(await rowsOf(first.id)).toEqual({ account: 0, sessions: 0, tokens: 0 });
    expect(await rowsOf(second.id)).toEqual({ account: 0, sessions: 0, tokens: 0 });
    expect(walBytes()).toBeGreaterThan(0);

    await erasure().compact();

    expect(walBytes()).toBe(0);
    const files = stored();
    for (const value of [first.username, first.email, second.username, second.email]) {
      expect({ value, found: files.includes(value) }).toEqual({ value, found: false });
    }
  });

  it('does nothing for no or unknown accounts', async () => {
    expect(await erasure().erase([])).toBe(0);
    expect(await erasure().erase(['no-such-account'], { compact: false })).toBe(0);
    expect(ended).toEqual([]);
  });
});
