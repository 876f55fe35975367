import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryFailedError } from 'typeorm';
import { openDatabase, sqliteOptions } from './database-options';
import { cacheStatements } from './statement-cache';

describe('cacheStatements', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-statements-'));
    dataSource = await openDatabase(
      new DataSource(sqliteOptions({ databasePath: join(dir, 'portal.sqlite') })),
    );
    await dataSource.query('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
  });

  afterEach(async () => {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** A write with TypeORM's structured result: the inserted row id and the rows changed. */
  const write = (sql: string, parameters: unknown[]) =>
    dataSource.createQueryRunner().query(sql, parameters, true);

  it('gives every run its own parameters, rows, inserted id and count of changes', async () => {
    const inserted = await Promise.all(
      ['a', 'b', 'c'].map((text) => write('INSERT INTO note (text) VALUES (?)', [text])),
    );
    expect(inserted.map((result) => result.raw).sort()).toEqual([1, 2, 3]);
    expect(inserted.map((result) => result.affected)).toEqual([1, 1, 1]);

    const select = 'SELECT id, text FROM note WHERE id >= ? ORDER BY id';
    const [all, some, none] = await Promise.all(
      [1, 3, 9].map((from) => dataSource.query(select, [from])),
    );
    expect(all).toEqual([
      { id: 1, text: 'a' },
      { id: 2, text: 'b' },
      { id: 3, text: 'c' },
    ]);
    expect(some).toEqual([{ id: 3, text: 'c' }]);
    expect(none).toEqual([]);

    const updated = await write("UPDATE note SET text = text || '!' WHERE id <= ?", [2]);
    expect(updated.affected).toBe(2);
    expect(await dataSource.query(select, [1])).toEqual([
      { id: 1, text: 'a!' },
      { id: 2, text: 'b!' },
      { id: 3, text: 'c' },
    ]);
  });

  it('reports a failed statement with its own message and runs it fine again afterwards', async () => {
    const insert = 'INSERT INTO note (text) VALUES (?)';
    await write(insert, ['same']);

    await expect(write(insert, ['same'])).rejects.toThrow(/SQLITE_CONSTRAINT: UNIQUE/);
    expect((await write(insert, ['other'])).affected).toBe(1);

    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await dataSource.query('SELEKT 1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryFailedError);
      expect((error as Error).message).toMatch(/syntax error/);
    }
  });

  it('keeps transactions whole: a rollback undoes what ran on cached statements', async () => {
    const insert = 'INSERT INTO note (text) VALUES (?)';
    await write(insert, ['kept']);

    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(insert, ['rolled back']);
        await manager.query(insert, ['kept']); // UNIQUE: fails, so all of it rolls back
      }),
    ).rejects.toThrow(/UNIQUE/);

    expect(await dataSource.query('SELECT text FROM note')).toEqual([{ text: 'kept' }]);
  });

  it('sees a schema change in a statement prepared before it', async () => {
    const select = 'SELECT * FROM note';
    await write('INSERT INTO note (text) VALUES (?)', ['a']);
    expect(await dataSource.query(select)).toEqual([{ id: 1, text: 'a' }]);

    await dataSource.query("ALTER TABLE note ADD COLUMN mood TEXT NOT NULL DEFAULT 'calm'");

    expect(await dataSource.query(select)).toEqual([{ id: 1, text: 'a', mood: 'calm' }]);
  });

  it('does not keep a RETURNING statement open, which would hold its transaction', async () => {
    await dataSource.query("INSERT INTO note (text) VALUES ('a'), ('b') RETURNING id");

    await dataSource.transaction((manager) =>
      manager.query("INSERT INTO note (text) VALUES ('c')"),
    );

    expect(await dataSource.query('SELECT count(*) AS n FROM note')).toEqual([{ n: 3 }]);
  });

  it('finalises the least recently used statement when full, and the rest at closing', async () => {
    const small = await new DataSource(
      sqliteOptions({ databasePath: join(dir, 'small.sqlite') }),
    ).initialize();
    cacheStatements(small, 2);
    for (let round = 0; round < 3; round++) {
      for (const n of [1, 2, 3, 4]) {
        expect(await small.query(`SELECT ${n} AS n`)).toEqual([{ n }]);
      }
    }

    await expect(small.destroy()).resolves.toBeUndefined();
  });
});
