import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  DatabaseUnusableError,
  openDatabase,
  recordServerSecretCheck,
  sqliteOptions,
} from '@confidant/api/persistence';
import { AppConfig, ConfigError, loadConfig } from './app-config';
import { prepareDataDir, SERVER_SECRET_FILE, serverSecretCheck } from './server-secret';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('prepareDataDir', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'confidant-secret-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the data folder and a 32-byte secret only its owner can read', async () => {
    const config = loadConfig({ DATA_DIR: join(root, 'data') });

    const secret = await prepareDataDir(config);

    expect(secret).toHaveLength(32);
    expect(mode(config.dataDir)).toBe(0o700);
    const file = join(config.dataDir, SERVER_SECRET_FILE);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(secret).toString('base64url'));
  });

  it('keeps the same secret across restarts and tightens loose permissions', async () => {
    const config = loadConfig({ DATA_DIR: root });
    const first = await prepareDataDir(config);
    chmodSync(join(root, SERVER_SECRET_FILE), 0o644);

    const second = await prepareDataDir(config);

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(mode(join(root, SERVER_SECRET_FILE))).toBe(0o600);
  });

  it('uses a configured secret and writes no file', async () => {
    const configured = Buffer.alloc(32, 9).toString('base64url');
    const config = loadConfig({ DATA_DIR: root, SERVER_SECRET: configured });

    const secret = await prepareDataDir(config);

    expect(Buffer.from(secret).toString('base64url')).toBe(configured);
    expect(existsSync(join(root, SERVER_SECRET_FILE))).toBe(false);
  });

  it('makes a data folder that existed before private, with every file the portal keeps there', async () => {
    chmodSync(root, 0o755);
    const config = loadConfig({ DATA_DIR: root });
    await prepareDataDir(config);
    const loose = [
      config.databasePath,
      `${config.databasePath}-wal`,
      `${config.databasePath}-shm`,
      join(root, SERVER_SECRET_FILE),
      join(root, 'outbox', 'a-mail.eml'),
    ];
    mkdirSync(join(root, 'outbox'));
    for (const file of loose) {
      writeFileSync(file, '', { flag: 'a' });
      chmodSync(file, 0o644);
    }
    chmodSync(join(root, 'outbox'), 0o755);
    chmodSync(root, 0o755);
    writeFileSync(join(root, 'notes.txt'), 'not ours', { mode: 0o644 });
    chmodSync(join(root, 'notes.txt'), 0o644);

    await prepareDataDir(config);

    expect(mode(root)).toBe(0o700);
    expect(mode(join(root, 'outbox'))).toBe(0o700);
    expect(loose.map(mode)).toEqual(loose.map(() => 0o600));
    expect(mode(join(root, 'notes.txt'))).toBe(0o644);
  });

  it('tightens the database files also where DATABASE_URL puts them', async () => {
    const elsewhere = join(root, 'elsewhere.sqlite');
    writeFileSync(elsewhere, '', { mode: 0o644 });
    chmodSync(elsewhere, 0o644);
    const config = loadConfig({
      DATA_DIR: join(root, 'data'),
      DATABASE_URL: `sqlite:${elsewhere}`,
    });

    await prepareDataDir(config);

    expect(mode(elsewhere)).toBe(0o600);
  });

  describe('with a database that was set up before', () => {
    const SECRET = new Uint8Array(Buffer.alloc(32, 3));
    let config: AppConfig;

    /** A migrated database file with one account and, if given, the recorded check value. */
    async function setUp(check: string | null, withAccount = true): Promise<void> {
      const dataSource = await openDatabase(
        new DataSource(sqliteOptions({ databasePath: config.databasePath })),
      );
      if (check !== null) {
        await recordServerSecretCheck(dataSource, check);
      }
      if (withAccount) {
        await dataSource.query(
          `INSERT INTO account (id, username, username_key, role, active, auth_hash, kdf_salt,
            kdf_iterations, public_key, wrapped_private_key, recovery_wrapped_private_key,
            recovery_verifier_hash, email_ciphertext, last_activity_at, created_at)
           VALUES ('a1', 'anna', 'anna', 'client', 1, 'h', 's', 1000, 'p', 'w', 'r', 'rh', 'e', 1, 1)`,
        );
      }
      await dataSource.destroy();
    }

    /** Runs a start that must be refused and checks that it left everything as it was. */
    async function expectRefused(pattern: RegExp): Promise<void> {
      chmodSync(config.databasePath, 0o644);
      const database = readFileSync(config.databasePath);
      const secretFile = join(config.dataDir, SERVER_SECRET_FILE);
      const secretBefore = existsSync(secretFile) ? readFileSync(secretFile, 'utf8') : null;

      const error = await prepareDataDir(config).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(pattern);
      expect((error as Error).message).toMatch(/nothing was changed\)$/);
      expect(readFileSync(config.databasePath).equals(database)).toBe(true);
      expect(mode(config.databasePath)).toBe(0o644);
      expect(existsSync(secretFile) ? readFileSync(secretFile, 'utf8') : null).toBe(secretBefore);
    }

    beforeEach(() => {
      config = loadConfig({ DATA_DIR: root });
    });

    it('starts with the secret it was set up with', async () => {
      writeFileSync(join(root, SERVER_SECRET_FILE), Buffer.from(SECRET).toString('base64url'));
      await setUp(serverSecretCheck(SECRET));

      expect(Buffer.from(await prepareDataDir(config)).equals(Buffer.from(SECRET))).toBe(true);
    });

    it('refuses to replace a lost secret file when accounts exist', async () => {
      await setUp(null);

      await expectRefused(
        /^SERVER_SECRET is not set and .*server-secret is missing, but the database /,
      );
    });

    it('refuses to replace a lost secret file once a check value is recorded, even without accounts', async () => {
      await setUp(serverSecretCheck(SECRET), false);

      await expectRefused(/is missing, but the database .* was set up with a server secret/);
    });

    it('refuses a secret file with another secret', async () => {
      writeFileSync(join(root, SERVER_SECRET_FILE), Buffer.alloc(32, 4).toString('base64url'));
      await setUp(serverSecretCheck(SECRET));

      await expectRefused(/^SERVER_SECRET is not set and .* holds another secret than the one/);
    });

    it('refuses a configured secret that is not the one it was set up with', async () => {
      config = loadConfig({
        DATA_DIR: root,
        SERVER_SECRET: Buffer.alloc(32, 4).toString('base64url'),
      });
      await setUp(serverSecretCheck(SECRET));

      await expectRefused(/^SERVER_SECRET is not the secret that the database .* was set up with/);
    });

    it('generates a secret for a database without accounts from before the check', async () => {
      await setUp(null, false);

      expect(await prepareDataDir(config)).toHaveLength(32);
      expect(existsSync(join(root, SERVER_SECRET_FILE))).toBe(true);
    });

    it('refuses a damaged database before it writes a secret', async () => {
      writeFileSync(config.databasePath, Buffer.alloc(8192, 7));

      await expect(prepareDataDir(config)).rejects.toThrow(DatabaseUnusableError);
      expect(existsSync(join(root, SERVER_SECRET_FILE))).toBe(false);
    });
  });
});
