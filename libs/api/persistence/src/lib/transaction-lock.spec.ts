import { DataSource } from 'typeorm';
import { openDatabase, sqliteOptions } from './database-options';

describe('serializeTransactions', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await openDatabase(new DataSource(sqliteOptions({ databasePath: ':memory:' })));
    await dataSource.query('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  });

  afterEach(() => dataSource.destroy());

  const count = async () => Number((await dataSource.query('SELECT count(*) AS n FROM note'))[0].n);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('runs concurrent transactions one after the other; every committed row stays', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        dataSource.transaction(async (manager) => {
          await manager.query('INSERT INTO note (id, text) VALUES (?, ?)', [index, 'a']);
          await pause();
          await manager.query('UPDATE note SET text = ? WHERE id = ?', ['b', index]);
        }),
      ),
    );

    expect(await count()).toBe(40);
    expect(await dataSource.query("SELECT count(*) AS n FROM note WHERE text = 'b'")).toEqual([
      { n: 40 },
    ]);
  });

  it("keeps a write from outside out of another request's transaction that rolls back", async () => {
    const failing = dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO note (id, text) VALUES (1, ?)', ['rolled back']);
      await pause();
      throw new Error('validation failed later');
    });
    const outside = dataSource.query('INSERT INTO note (id, text) VALUES (2, ?)', ['acknowledged']);

    await expect(failing).rejects.toThrow('validation failed later');
    await outside;

    expect(await dataSource.query('SELECT id, text FROM note')).toEqual([
      { id: 2, text: 'acknowledged' },
    ]);
  });

  it('refuses transactions that bypass the lock, such as save()', async () => {
    await expect(dataSource.createQueryRunner().startTransaction()).rejects.toThrow(
      'Start transactions only with DataSource.transaction()',
    );
  });

  it('lets a transaction nest inside itself', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO note (id, text) VALUES (1, ?)', ['outer']);
      await manager.transaction(async (inner) => {
        await inner.query('INSERT INTO note (id, text) VALUES (2, ?)', ['inner']);
      });
    });

    expect(await count()).toBe(2);
  });
});
