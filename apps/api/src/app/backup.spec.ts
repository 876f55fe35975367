import { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { CentreService } from '@confidant/api/accounts';
import { AccountService } from '@confidant/api/auth';
import { authKeyFor, makeIdentity, TestIdentity } from '@confidant/api/auth/testing';
import { recordServerSecretCheck } from '@confidant/api/persistence';
import {
  POSTGRES_BIN,
  testDatabaseEngine,
  testDatabaseUrl,
} from '@confidant/api/persistence/testing';
import { Client } from 'pg';
import {
  createConversationKey,
  createTeamKey,
  decryptMessage,
  encryptMessage,
  fromBase64Url,
  toBase64Url,
} from '@confidant/shared/crypto';
import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { prepareDataDir, serverSecretCheck } from '../config/server-secret';
import { createApp } from './create-app';

const ROOT = resolve(__dirname, '../../../..');
const BACKUP = join(ROOT, 'tools/backup/backup.mjs');
const RESTORE = join(ROOT, 'tools/backup/restore.mjs');
const DAY = 86_400_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run backup` or `npm run restore` as an operator would, with only the given variables. */
function run(script: string, env: Record<string, string>, args: string[] = []): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env } },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const backupsIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.backup'));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const newKey = () => randomBytes(32).toString('base64url');

/** The portal as `main.ts` starts it on a DATA_DIR: secret checked, then recorded. */
async function startPortal(dataDir: string, databaseUrl?: string): Promise<NestExpressApplication> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    KDF_ITERATIONS: '1000',
    WEB_DIR: 'none',
    LOG_LEVEL: 'fatal',
  });
  const secret = await prepareDataDir(config);
  const app = await createApp(config, secret);
  await app.init();
  const check = serverSecretCheck(secret);
  expect(await recordServerSecretCheck(app.get<DataSource>(getDataSourceToken()), check)).toBe(
    check,
  );
  return app;
}

interface Written {
  identity: TestIdentity;
  conversationKey: CryptoKey;
  storedCiphertext: string;
}

/** A lead holding the team key, and a client who registers and writes an enquiry through the API. */
async function writeEnquiry(
  app: NestExpressApplication,
  username: string,
  conversationId: string,
): Promise<Written> {
  // A lead whose team key the client's enquiry is sealed to, as after the setup link.
  const lead = await makeIdentity();
  await app.get(AccountService).create({ username: 'lead-name', role: 'lead', ...lead.body });
  const team = await createTeamKey(fromBase64Url(lead.body.publicKey));
  await app.get(CentreService).setTeamPublicKey(toBase64Url(team.publicKey));

  // A client registers and writes an enquiry through the API.
  const identity = await makeIdentity('a quiet backup evening');
  const http = request.agent(app.getHttpServer());
  const registered = await http
    .post('/api/auth/register')
    .send({ username, ...identity.body })
    .expect(201);
  const clientId = registered.body.account.id as string;
  const messageId = randomUUID();
  const { key, sealed } = await createConversationKey({
    client: fromBase64Url(identity.body.publicKey),
    team: team.publicKey,
  });
  const envelope = await encryptMessage(
    key,
    { conversationId, messageId, senderId: clientId },
    { text: 'Bitte helfen Sie mir.' },
  );
  await http
    .post('/api/conversations')
    .send({ id: conversationId, keys: sealed, message: { id: messageId, envelope } })
    .expect(201);
  return { identity, conversationKey: key, storedCiphertext: envelope.ct };
}

/** On a restored portal: the client logs in and reads and decrypts her enquiry; then it closes. */
async function readBack(
  portal: NestExpressApplication,
  username: string,
  conversationId: string,
  { identity, conversationKey, storedCiphertext }: Written,
): Promise<void> {
  try {
    const http = request.agent(portal.getHttpServer());
    const prelogin = await http.post('/api/auth/prelogin').send({ username }).expect(200);
    const { authKey } = await authKeyFor(identity.password, prelogin.body.kdfSalt);
    await http.post('/api/auth/login').send({ username, authKey }).expect(200);
    const messages = await http
      .get(`/api/conversations/${conversationId}/messages?limit=200`)
      .expect(200);
    expect(messages.body).toHaveLength(1);
    const [message] = messages.body;
    expect(message.envelope.ct).toBe(storedCiphertext);
    const opened = await decryptMessage(
      conversationKey,
      { conversationId, messageId: message.id, senderId: message.senderId },
      message.envelope,
    );
    expect(opened.text).toBe('Bitte helfen Sie mir.');
  } finally {
    await portal.close();
  }
}

// The SQLite half needs no database server; the PostgreSQL half runs with the engine's suites.
const onSqlite = testDatabaseEngine() === 'sqlite' ? describe : describe.skip;
const onPostgres = testDatabaseEngine() === 'postgres' ? describe : describe.skip;

onSqlite('npm run backup and npm run restore (SQLite)', () => {
  let work: string;
  let dataDir: string;
  let app: NestExpressApplication;
  let identity: TestIdentity;
  const username = `backup-canary-${randomUUID().slice(0, 8)}`;
  const conversationId = randomUUID();
  let conversationKey: CryptoKey;
  let storedCiphertext: string;
  let backupFile: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'confidant-backup-'));
    dataDir = join(work, 'data');
    app = await startPortal(dataDir);
    ({ identity, conversationKey, storedCiphertext } = await writeEnquiry(
      app,
      username,
      conversationId,
    ));

    // The backup is made while the portal runs.
    const made = await run(BACKUP, { DATA_DIR: dataDir });
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const backups = backupsIn(join(dataDir, 'backups'));
    expect(backups).toHaveLength(1);
    backupFile = join(dataDir, 'backups', backups[0]);
    await app.close();
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** A new, empty DATA_DIR that holds the portal's server secret, as the README asks. */
  function newDataDir(name: string, withSecret = true): string {
    const dir = join(work, name);
    mkdirSync(dir, { mode: 0o700 });
    if (withSecret) {
      copyFileSync(join(dataDir, 'server-secret'), join(dir, 'server-secret'));
    }
    return dir;
  }

  it('writes one private, encrypted file named by its UTC time, and leaves no snapshot behind', () => {
    expect(backupFile).toMatch(/confidant-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.backup$/);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'backups')).mode & 0o777).toBe(0o700);
    const database = join(dataDir, 'confidant.sqlite');
    const plain = Buffer.concat(
      [database, `${database}-wal`].filter(existsSync).map((file) => readFileSync(file)),
    );
    // The markers are there in the database itself, and nowhere in its backup.
    expect(plain.includes(Buffer.from(storedCiphertext))).toBe(true);
    expect(plain.includes(Buffer.from(username))).toBe(true);
    const bytes = readFileSync(backupFile);
    for (const marker of [username, storedCiphertext, 'SQLite format 3', identity.body.publicKey]) {
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
    }
    expect(readdirSync(dataDir).filter((name) => name.startsWith('.backup-'))).toEqual([]);
  });

  it('restores into a new DATA_DIR, where the portal starts, the client logs in and reads her enquiry', async () => {
    const target = newDataDir('restored');
    const restored = await run(RESTORE, { DATA_DIR: target }, [backupFile]);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toContain('Restored');
    expect(statSync(join(target, 'confidant.sqlite')).mode & 0o777).toBe(0o600);

    await readBack(await startPortal(target), username, conversationId, {
      identity,
      conversationKey,
      storedCiphertext,
    });
  });

  it('refuses a tampered file with one line and writes nothing', async () => {
    const tampered = join(work, 'tampered.backup');
    const bytes = readFileSync(backupFile);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(tampered, bytes);
    const target = newDataDir('after-tampering');
    const result = await run(RESTORE, { DATA_DIR: target }, [tampered]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Restore error: .* is damaged or was altered \(chunk \d+/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(target)).toEqual(['server-secret']);
  });

  it('refuses a file cut short', async () => {
    const cut = join(work, 'cut.backup');
    writeFileSync(cut, readFileSync(backupFile).subarray(0, -100));
    const target = newDataDir('after-cut');
    const result = await run(RESTORE, { DATA_DIR: target }, [cut]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is damaged or was altered/);
    expect(readdirSync(target)).toEqual(['server-secret']);
  });

  it('refuses a wrong server secret, and a wrong or missing BACKUP_KEY, writing nothing', async () => {
    const wrongSecret = newDataDir('wrong-secret', false);
    writeFileSync(join(wrongSecret, 'server-secret'), newKey() + '\n');
    const result = await run(RESTORE, { DATA_DIR: wrongSecret }, [backupFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Restore error: .* was not made with this key: the server secret is not the one/,
    );
    expect(readdirSync(wrongSecret)).toEqual(['server-secret']);

    const key = newKey();
    const keyed = await run(BACKUP, {
      DATA_DIR: dataDir,
      BACKUP_KEY: key,
      BACKUP_DIR: join(work, 'keyed'),
    });
    expect(keyed.code).toBe(0);
    const [keyedFile] = backupsIn(join(work, 'keyed')).map((name) => join(work, 'keyed', name));
    const target = newDataDir('keyed-target');
    const wrong = await run(RESTORE, { DATA_DIR: target, BACKUP_KEY: newKey() }, [keyedFile]);
    expect(wrong.stderr).toMatch(/was not made with this key: BACKUP_KEY is not the one/);
    const missing = await run(RESTORE, { DATA_DIR: target }, [keyedFile]);
    expect(missing.stderr).toMatch(/was encrypted with BACKUP_KEY, which is not set/);
    expect([wrong.code, missing.code]).toEqual([1, 1]);
    expect(readdirSync(target)).toEqual(['server-secret']);
    // The right key opens it.
    const right = await run(RESTORE, { DATA_DIR: target, BACKUP_KEY: key }, [keyedFile]);
    expect(right).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a target database that is not empty and leaves it as it was', async () => {
    const database = join(dataDir, 'confidant.sqlite');
    const before = sha256(database);
    const result = await run(RESTORE, { DATA_DIR: dataDir }, [backupFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Restore error: the database .* is not empty/);
    expect(sha256(database)).toBe(before);
  });

  it('removes backups older than BACKUP_RETENTION_DAYS, and only those', async () => {
    const dir = join(work, 'retention');
    mkdirSync(dir);
    const named = (daysAgo: number) =>
      `confidant-${new Date(Date.now() - daysAgo * DAY).toISOString().replace(/:/g, '-')}.backup`;
    const old = [named(8), named(30)];
    const kept = [named(6), named(0.5), 'notes.txt', 'confidant-manual-copy.backup'];
    for (const name of [...old, ...kept]) {
      writeFileSync(join(dir, name), 'x');
    }
    const result = await run(BACKUP, { DATA_DIR: dataDir, BACKUP_DIR: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Removed 2 backups older than 7 days');
    const left = readdirSync(dir);
    expect(left).toEqual(expect.arrayContaining(kept));
    expect(left.filter((name) => old.includes(name))).toEqual([]);
    expect(left).toHaveLength(kept.length + 1);

    const shorter = await run(BACKUP, {
      DATA_DIR: dataDir,
      BACKUP_DIR: dir,
      BACKUP_RETENTION_DAYS: '1',
    });
    expect(shorter.code).toBe(0);
    expect(readdirSync(dir)).not.toContain(kept[0]);
    expect(readdirSync(dir)).toContain(kept[1]);
  });

  it('wipes the plaintext snapshot that an interrupted backup left, once it is a day old', async () => {
    const stale = join(dataDir, '.backup-00112233445566aa.sqlite');
    const fresh = join(dataDir, '.backup-00112233445566bb.sqlite');
    copyFileSync(join(dataDir, 'confidant.sqlite'), stale);
    copyFileSync(join(dataDir, 'confidant.sqlite'), fresh);
    const yesterday = new Date(Date.now() - 25 * 3_600_000);
    utimesSync(stale, yesterday, yesterday);
    const result = await run(BACKUP, { DATA_DIR: dataDir, BACKUP_DIR: join(work, 'stale') });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Wiped 1 snapshot(s) that an interrupted backup left in DATA_DIR\n');
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh);
  });

  it('refuses a bad BACKUP_RETENTION_DAYS with one line before writing anything', async () => {
    const dir = join(work, 'bad-retention');
    const result = await run(BACKUP, {
      DATA_DIR: dataDir,
      BACKUP_DIR: dir,
      BACKUP_RETENTION_DAYS: 'seven',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Backup error: BACKUP_RETENTION_DAYS must be a whole number from 1 to 3650, got "seven"\n',
    );
    expect(existsSync(dir)).toBe(false);
  });
});

onPostgres('npm run backup and npm run restore (PostgreSQL)', () => {
  it('backs up a running portal and restores into an empty database, where the client reads her enquiry; a database in use is refused', async () => {
    const work = mkdtempSync(join(tmpdir(), 'confidant-backup-pg-'));
    const source = await testDatabaseUrl();
    // An empty database on the same server, as an operator makes one with createdb.
    const empty = `restore_${randomBytes(6).toString('hex')}`;
    const server = new URL(source.url);
    server.pathname = '/postgres';
    const admin = new Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${empty}`);
    const target = new URL(source.url);
    target.pathname = `/${empty}`;
    try {
      const dataDir = join(work, 'data');
      const username = `backup-canary-${randomUUID().slice(0, 8)}`;
      const conversationId = randomUUID();
      const app = await startPortal(dataDir, source.url);
      const written = await writeEnquiry(app, username, conversationId);
      const tools = { PG_BIN_DIR: POSTGRES_BIN, DATA_DIR: dataDir };

      const made = await run(BACKUP, { ...tools, DATABASE_URL: source.url });
      await app.close();
      expect(made).toMatchObject({ code: 0, stderr: '' });
      const [name] = backupsIn(join(dataDir, 'backups'));
      const file = join(dataDir, 'backups', name);
      const bytes = readFileSync(file);
      for (const marker of [username, written.storedCiphertext, 'PGDMP']) {
        expect(bytes.includes(Buffer.from(marker))).toBe(false);
      }

      const refused = await run(RESTORE, { ...tools, DATABASE_URL: source.url }, [file]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);

      const restored = await run(RESTORE, { ...tools, DATABASE_URL: target.toString() }, [file]);
      expect(restored).toMatchObject({ code: 0, stderr: '' });
      await readBack(
        await startPortal(dataDir, target.toString()),
        username,
        conversationId,
        written,
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`);
      await admin.end();
      await source.drop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
