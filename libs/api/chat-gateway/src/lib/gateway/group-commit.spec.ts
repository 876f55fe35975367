import { Test } from '@nestjs/testing';
import { testDatabaseEngine, testDatabaseModule } from '@confidant/api/persistence/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GroupCommit, GroupWork } from './group-commit';

// These tests count the transactions on the SQLite driver's single query runner (its `?`
// placeholders and its BEGIN text); on PostgreSQL every transaction has a runner of its own, and
// GroupCommit's effect there is covered by the chat gateway's tests.
const onSqlite = testDatabaseEngine() === 'sqlite' ? describe : describe.skip;

onSqlite('GroupCommit', () => {
  let dataSource: DataSource;
  let statements: string[];
  let groups: number[][];

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [testDatabaseModule()],
    }).compile();
    dataSource = moduleRef.get(getDataSourceToken());
    await dataSource.query('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    await dataSource.query(
      'CREATE TABLE link (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL ' +
        'REFERENCES note (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    // The SQLite driver runs every statement through this one runner.
    const runner = dataSource.createQueryRunner();
    const query = runner.query.bind(runner);
    statements = [];
    groups = [];
    runner.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof runner.query;
  });

  afterEach(() => dataSource.destroy());

  const notes = async () =>
    (await dataSource.query('SELECT id FROM note ORDER BY id')).map(
      (row: { id: number }) => row.id,
    );

  /** Stores a group's notes with one statement, as `MessagesService.postMany` does. */
  const insertNotes = async (ids: number[]) => {
    groups.push(ids);
    await dataSource.query(
      `INSERT INTO note (id, text) VALUES ${ids.map(() => "(?, 'x')").join(', ')}`,
      ids,
    );
  };
  const storeAll: GroupWork<number, number> = async (ids) => {
    await insertNotes(ids);
    return ids.map((id) => ({ status: 'fulfilled', value: id * 10 }));
  };

  it('writes what arrives together in one transaction, in order, and answers each', async () => {
    const group = new GroupCommit(dataSource, storeAll);

    const answers = await Promise.all([1, 2, 3, 4].map((id) => group.submit(id)));

    expect(answers).toEqual([10, 20, 30, 40]);
    expect(groups).toEqual([[1, 2, 3, 4]]);
    expect(await notes()).toEqual([1, 2, 3, 4]);
    expect(statements.filter((sql) => /^(BEGIN|COMMIT)/.test(sql))).toEqual([
      'BEGIN TRANSACTION',
      'COMMIT',
    ]);
  });

  it('takes at most a group of items at a time; the rest form the next groups', async () => {
    const group = new GroupCommit(dataSource, storeAll, 2);

    const answers = await Promise.all([1, 2, 3, 4, 5].map((id) => group.submit(id)));

    expect(answers).toEqual([10, 20, 30, 40, 50]);
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
    expect(statements.filter((sql) => sql === 'COMMIT')).toHaveLength(3);
  });

  it('runs a group that only reads without a transaction', async () => {
    const group = new GroupCommit<number, number>(
      dataSource,
      async (ids) => {
        await dataSource.query('SELECT COUNT(*) FROM note');
        return ids.map((id) => ({ status: 'fulfilled', value: id }));
      },
      64,
      (ids) => ids.some((id) => id > 100),
    );

    expect(await Promise.all([1, 2].map((id) => group.submit(id)))).toEqual([1, 2]);
    expect(statements.filter((sql) => /^(BEGIN|COMMIT)/.test(sql))).toEqual([]);
    expect(await group.submit(101)).toBe(101);
    expect(statements.filter((sql) => /^(BEGIN|COMMIT)/.test(sql))).toHaveLength(2);
  });

  it('keeps a refusal to its own item: the others are stored and answered', async () => {
    const group = new GroupCommit<number, number>(dataSource, async (ids) => {
      const stored = ids.filter((id) => id !== 2);
      await insertNotes(stored);
      return ids.map((id) =>
        id === 2
          ? { status: 'rejected', reason: new Error('refused in the checks') }
          : { status: 'fulfilled', value: id },
      );
    });

    const results = await Promise.allSettled([1, 2, 3].map((id) => group.submit(id)));

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await notes()).toEqual([1, 3]);
  });

  it('answers no item of a group whose commit fails, and stores none of it', async () => {
    const answered: number[] = [];
    const group = new GroupCommit<number, number>(dataSource, async (ids) => {
      await insertNotes(ids);
      // A deferred foreign key fails only at the commit.
      await dataSource.query('INSERT INTO link (id, note_id) VALUES (1, 404)');
      return ids.map((id) => ({ status: 'fulfilled', value: id }));
    });

    const results = await Promise.allSettled(
      [1, 2].map((id) => group.submit(id).then(() => answered.push(id))),
    );

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(answered).toEqual([]);
    expect(await notes()).toEqual([]);
  });

  it('refuses every item of a group whose work fails, and goes on with the next group', async () => {
    let fail = true;
    const group = new GroupCommit<number, number>(dataSource, async (ids) => {
      await insertNotes(ids);
      if (fail) {
        fail = false;
        throw new Error('SQLITE_IOERR: disk I/O error');
      }
      return ids.map((id) => ({ status: 'fulfilled', value: id }));
    });

    const failed = await Promise.allSettled([1, 2].map((id) => group.submit(id)));
    const next = await group.submit(5);

    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(next).toBe(5);
    expect(await notes()).toEqual([5]);
  });
});
