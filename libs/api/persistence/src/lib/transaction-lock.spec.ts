import { DataSource } from 'typeorm';
import { openDatabase, sqliteOptions } from './database-options';
import { drainConnection } from './transaction-lock';

describe('serializeTransactions', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await openDatabase(new DataSource(sqliteOptions({ databasePath: ':memory:' })));
    await dataSource.query('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  });

  afterEach(async () => {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
  });

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

  it('closes the database only after the statements of work in flight', async () => {
    let midway!: () => void;
    const reached = new Promise<void>((resolve) => (midway = resolve));
    const inFlight = dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO note (id, text) VALUES (1, ?)', ['first']);
      midway();
      await pause();
      await manager.query('INSERT INTO note (id, text) VALUES (2, ?)', ['second']);
    });
    const waiting = dataSource.query('SELECT count(*) AS n FROM note');
    await reached;

    await dataSource.destroy();

    await expect(inFlight).resolves.toBeUndefined();
    expect(await waiting).toEqual([{ n: 2 }]);
  });

  it('gives up draining after the time limit while a transaction hangs', async () => {
    let finish!: () => void;
    const hanging = dataSource.transaction(
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    await new Promise((resolve) => setImmediate(resolve));

    expect(await drainConnection(dataSource, 50)).toBe(false);

    finish();
    await hanging;
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
