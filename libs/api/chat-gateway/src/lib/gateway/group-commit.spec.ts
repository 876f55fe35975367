import { Test } from '@nestjs/testing';
import { testDatabaseModule } from '@confidant/api/persistence/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  let dataSource: DataSource;
  let group: GroupCommit;
  let statements: string[];

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [testDatabaseModule()],
      providers: [GroupCommit],
    }).compile();
    dataSource = moduleRef.get(getDataSourceToken());
    group = moduleRef.get(GroupCommit);
    await dataSource.query('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    await dataSource.query(
      'CREATE TABLE link (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL ' +
        'REFERENCES note (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    // The SQLite driver runs every statement through this one runner.
    const runner = dataSource.createQueryRunner();
    const query = runner.query.bind(runner);
    statements = [];
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

  /** Writes as `MessagesService.post` does: in a transaction of its own. */
  const insert = (id: number, text: string | null = 'x') =>
    dataSource.transaction((manager) =>
      manager.query('INSERT INTO note (id, text) VALUES (?, ?)', [id, text]),
    );

  it('writes what arrives together in one transaction, in order, and answers each', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map((id) =>
        group.run(
          async () => id * 10,
          async (prepared) => {
            await insert(id);
            return prepared;
          },
        ),
      ),
    );

    expect(answers).toEqual([10, 20, 30, 40]);
    expect(await notes()).toEqual([1, 2, 3, 4]);
    expect(statements.filter((sql) => /^(BEGIN|COMMIT)/.test(sql))).toEqual([
      'BEGIN TRANSACTION',
      'COMMIT',
    ]);
  });

  it('keeps a failure to its own event: the others are stored and answered', async () => {
    const results = await Promise.allSettled([
      group.run(
        async () => 1,
        (id) => insert(id),
      ),
      group.run(
        async () => {
          throw new Error('refused in the checks');
        },
        async () => insert(99),
      ),
      group.run(
        async () => 2,
        (id) => insert(id, null),
      ), // NOT NULL: its savepoint rolls back
      group.run(
        async () => 3,
        (id) => insert(id),
      ),
    ]);

    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(await notes()).toEqual([1, 3]);
  });

  it('answers no event of a group whose commit fails, and stores none of it', async () => {
    const answered: number[] = [];
    const results = await Promise.allSettled([
      group
        .run(
          async () => 1,
          (id) => insert(id),
        )
        .then(() => answered.push(1)),
      // A deferred foreign key fails only at the commit.
      group.run(
        async () => 2,
        (id) => dataSource.query('INSERT INTO link (id, note_id) VALUES (?, 404)', [id]),
      ),
    ]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(answered).toEqual([]);
    expect(await notes()).toEqual([]);
    await expect(
      group.run(
        async () => 5,
        (id) => insert(id),
      ),
    ).resolves.toBeDefined();
    expect(await notes()).toEqual([5]);
  });
});
