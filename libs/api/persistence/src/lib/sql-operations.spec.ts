import { DataSource } from 'typeorm';
import { createTestPostgresDatabase, testDatabaseEngine, TestPostgresDatabase } from '../testing';
import { jsonArrayValues, jsonObjectText, jsonRecords } from './sql-operations';

describe(`named SQL operations on ${testDatabaseEngine()}`, () => {
  let dataSource: DataSource;
  let database: TestPostgresDatabase | undefined;

  beforeAll(async () => {
    if (testDatabaseEngine() === 'postgres') {
      database = await createTestPostgresDatabase();
      dataSource = new DataSource({ type: 'postgres', url: database.url });
    } else {
      dataSource = new DataSource({ type: 'sqlite', database: ':memory:' });
    }
    await dataSource.initialize();
    await dataSource.query(
      'CREATE TABLE probe (id varchar(36) PRIMARY KEY, kind varchar(16), body text, at bigint)',
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database?.drop();
  });

  it('writes a row as JSON.stringify writes the same object, times to the millisecond', async () => {
    const rows = [
      {
        id: 'a',
        kind: 'message',
        body: JSON.stringify({ iv: 'x', ct: 'yä"\\' }),
        at: Date.UTC(2026, 0, 2, 3, 4, 5, 7),
      },
      { id: 'b', kind: null, body: null, at: Date.UTC(2026, 11, 31, 23, 59, 59, 999) },
      { id: 'c', kind: 'chat', body: '[]', at: Date.UTC(2027, 5, 6, 0, 0, 0, 0) },
    ];
    const p = (i: number) => dataSource.driver.createParameter(`p${i}`, i);
    for (const row of rows) {
      await dataSource.query(`INSERT INTO probe VALUES (${p(0)}, ${p(1)}, ${p(2)}, ${p(3)})`, [
        row.id,
        row.kind,
        row.body,
        row.at,
      ]);
    }
    const json = jsonObjectText(dataSource, [
      { key: 'id', column: 'id', kind: 'string' },
      { key: 'kind', column: 'kind', kind: 'string' },
      { key: 'body', column: 'body', kind: 'json' },
      { key: 'at', column: 'at', kind: 'isoMillis' },
    ]);

    const written: { json: string }[] = await dataSource.query(
      `SELECT ${json} AS json FROM probe ORDER BY id`,
    );

    expect(written.map((row) => row.json)).toEqual(
      rows.map((row) =>
        JSON.stringify({
          id: row.id,
          kind: row.kind,
          body: row.body === null ? null : JSON.parse(row.body),
          at: new Date(row.at).toISOString(),
        }),
      ),
    );
  });

  it('selects by a JSON array of ids, and reads a JSON array of records as typed columns', async () => {
    const found: { id: string }[] = await dataSource.query(
      `SELECT id FROM probe WHERE id IN (${jsonArrayValues(dataSource, 0)}) ORDER BY id`,
      [JSON.stringify(['a', 'c', 'zz'])],
    );
    const records: Record<string, unknown>[] = await dataSource.query(
      `SELECT c0, c1 + 1 AS next FROM ${jsonRecords(dataSource, 0, ['text', 'bigint'])} AS b ` +
        'ORDER BY c0',
      [
        JSON.stringify([
          ['x', 41],
          ['y', 1_764_000_000_000],
        ]),
      ],
    );

    expect(found.map((row) => row.id)).toEqual(['a', 'c']);
    expect(records.map((row) => [row['c0'], Number(row['next'])])).toEqual([
      ['x', 42],
      ['y', 1_764_000_000_001],
    ]);
  });
});
