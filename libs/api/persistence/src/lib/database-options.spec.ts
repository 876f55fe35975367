import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { BUSY_TIMEOUT_MS, checkpointWal, openDatabase, sqliteOptions } from './database-options';
import { MIGRATIONS } from '../migrations';

async function pragma(dataSource: DataSource, name: string): Promise<unknown> {
  const [row] = await dataSource.query(`PRAGMA ${name}`);
  return Object.values(row)[0];
}

describe('openDatabase on a file', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-db-'));
    dataSource = await openDatabase(
      new DataSource(sqliteOptions({ databasePath: join(dir, 'nested', 'portal.sqlite') })),
    );
  });

  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in WAL mode with secure delete, foreign keys and a busy timeout', async () => {
    expect(await pragma(dataSource, 'journal_mode')).toBe('wal');
    expect(await pragma(dataSource, 'synchronous')).toBe(1); // NORMAL: synced at checkpoints
    expect(await pragma(dataSource, 'secure_delete')).toBe(1);
    expect(await pragma(dataSource, 'foreign_keys')).toBe(1);
    expect(await pragma(dataSource, 'busy_timeout')).toBe(BUSY_TIMEOUT_MS);
  });

  it('applies every committed migration once, also when opened again', async () => {
    const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row: { name: string }) => row.name)).toEqual(
      MIGRATIONS.map((migration) => migration.name),
    );
    await dataSource.destroy();

    dataSource = await openDatabase(
      new DataSource(sqliteOptions({ databasePath: join(dir, 'nested', 'portal.sqlite') })),
    );
    const again = await dataSource.query('SELECT count(*) AS n FROM migrations');
    expect(again[0].n).toBe(MIGRATIONS.length);
  });

  it('empties the write-ahead log on a checkpoint', async () => {
    await dataSource.query(
      `INSERT INTO centre (id, name, phone, response_days, retention_months, exit_url,
        notification_sender, notification_subject, topics)
       VALUES (7, 'canary', '1', 3, 6, 'https://example.org', 'a@b', 's', '[]')`,
    );
    const walFile = join(dir, 'nested', 'portal.sqlite-wal');
    expect(statSync(walFile).size).toBeGreaterThan(0);

    await checkpointWal(dataSource);

    expect(statSync(walFile).size).toBe(0);
  });
});

describe('openDatabase in memory', () => {
  it('gives a migrated database that leaves no file behind', async () => {
    const dataSource = await openDatabase(
      new DataSource(sqliteOptions({ databasePath: ':memory:' })),
    );
    const tables = await dataSource.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'centre'",
    );
    expect(tables).toHaveLength(1);
    await dataSource.destroy();
  });
});
