import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseUnusableError, inspectDatabase, recordServerSecretCheck } from './database-check';
import { openDatabase, sqliteOptions } from './database-options';

describe('inspectDatabase', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-check-'));
    file = join(dir, 'portal.sqlite');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function migrated(): Promise<DataSource> {
    return openDatabase(new DataSource(sqliteOptions({ databasePath: file })));
  }

  it('finds nothing on the first start and for a database in memory', async () => {
    const none = { exists: false, hasAccounts: false, serverSecretCheck: null };

    expect(await inspectDatabase(file)).toEqual(none);
    expect(await inspectDatabase(':memory:')).toEqual(none);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads accounts and the recorded check value without changing a byte or adding a file', async () => {
    const dataSource = await migrated();
    expect(await recordServerSecretCheck(dataSource, 'check-one')).toBe('check-one');
    await dataSource.query(
      `INSERT INTO account (id, username, username_key, role, active, auth_hash, kdf_salt,
        kdf_iterations, public_key, wrapped_private_key, recovery_wrapped_private_key,
        recovery_verifier_hash, last_activity_at, created_at)
       VALUES ('a1', 'anna', 'anna', 'client', 1, 'h', 's', 1000, 'p', 'w', 'r', 'rh', 1, 1)`,
    );
    await dataSource.destroy();
    const files = readdirSync(dir).sort();
    const bytes = readFileSync(file);

    const state = await inspectDatabase(file);

    expect(state).toEqual({ exists: true, hasAccounts: true, serverSecretCheck: 'check-one' });
    expect(readdirSync(dir).sort()).toEqual(files);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reads what is still in the write-ahead log of a running instance', async () => {
    const dataSource = await migrated();
    await recordServerSecretCheck(dataSource, 'in-the-log');

    expect(await inspectDatabase(file)).toEqual({
      exists: true,
      hasAccounts: false,
      serverSecretCheck: 'in-the-log',
    });
    await dataSource.destroy();
  });

  it('keeps the first recorded check value', async () => {
    const dataSource = await migrated();
    await recordServerSecretCheck(dataSource, 'first');

    expect(await recordServerSecretCheck(dataSource, 'second')).toBe('first');
    await dataSource.destroy();
  });

  it('reports a database from before the check as having none', async () => {
    const dataSource = await migrated();
    await dataSource.query('DROP TABLE server_secret_check');
    await dataSource.destroy();

    expect(await inspectDatabase(file)).toEqual({
      exists: true,
      hasAccounts: false,
      serverSecretCheck: null,
    });
  });

  it('refuses a file that is not a database, in one line that names it', async () => {
    writeFileSync(file, Buffer.alloc(8192, 7));

    const error = await inspectDatabase(file).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DatabaseUnusableError);
    expect((error as Error).message).toMatch(
      new RegExp(`^The database ${file} is damaged or not a SQLite database \\(SQLITE_NOTADB`),
    );
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a database whose pages are damaged inside', async () => {
    const dataSource = await migrated();
    await dataSource.query(
      "INSERT INTO job_lease (name, holder, expires_at) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT 'lease-' || i || '-' || hex(randomblob(20)), 'h', i FROM n",
    );
    await dataSource.destroy();
    const bytes = readFileSync(file);
    // The header and the schema stay intact; pages further in are overwritten.
    bytes.fill(0x55, bytes.length - 8 * 4096, bytes.length - 4 * 4096);
    writeFileSync(file, bytes);

    await expect(inspectDatabase(file)).rejects.toThrow(/^The database .* is damaged/);
  });
});
