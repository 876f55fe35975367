import { DataSource } from 'typeorm';
import { createTestPostgresDatabase, testDatabaseEngine, TestPostgresDatabase } from '../testing';
import { MIGRATIONS } from '../migrations';
import { checkpointWal, databaseOptions, describeDatabase, openDatabase } from './database-options';
import { inspectDatabase, recordServerSecretCheck } from './database-check';

const onPostgres = testDatabaseEngine() === 'postgres' ? describe : describe.skip;

onPostgres('openDatabase on PostgreSQL', () => {
  let database: TestPostgresDatabase;
  const sources: DataSource[] = [];

  const settings = (url: string) =>
    ({ engine: 'postgres', url, tls: 'disable', poolSize: 3, statementTimeoutMs: 2000 }) as const;
  const open = async (url: string) => {
    const dataSource = await openDatabase(new DataSource(databaseOptions(settings(url))));
    sources.push(dataSource);
    return dataSource;
  };

  beforeEach(async () => {
    database = await createTestPostgresDatabase();
  });

  afterEach(async () => {
    await Promise.all(sources.splice(0).map((source) => source.destroy()));
    await database.drop();
  });

  it('finds the template migrated and runs nothing again', async () => {
    const dataSource = await open(database.url);

    const rows = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((row: { name: string }) => row.name)).toEqual(
      MIGRATIONS.map((migration) => migration.name),
    );
  });

  it('migrates an empty database once when three instances start at the same time', async () => {
    const empty = database.url.replace(/\/test_/, '/empty_');
    const admin = await open(database.url);
    const name = new URL(empty).pathname.slice(1);
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const [first] = await Promise.all([open(empty), open(empty), open(empty)]);

      const [{ count }] = await first.query('SELECT count(*)::int AS count FROM migrations');
      expect(count).toBe(MIGRATIONS.length);
      const tables = await first.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.map((row: { table_name: string }) => row.table_name)).toContain('message');
    } finally {
      await Promise.all(sources.splice(1).map((source) => source.destroy()));
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  });

  it('cancels a statement that runs longer than the statement timeout', async () => {
    const dataSource = await open(database.url);

    await expect(dataSource.query('SELECT pg_sleep(3)')).rejects.toThrow(/statement timeout/);
  });

  it('uses a pool of the configured size', async () => {
    const dataSource = await open(database.url);

    const started = await Promise.all(
      Array.from({ length: 6 }, () =>
        dataSource.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.2)'),
      ),
    );
    expect(new Set(started.map(([row]) => row.pid)).size).toBe(3);
  });

  it('is inspected before the start: accounts and the recorded server secret', async () => {
    const dataSource = await open(database.url);
    await recordServerSecretCheck(dataSource, 'check-value');

    await expect(inspectDatabase(settings(database.url))).resolves.toEqual({
      exists: true,
      hasAccounts: false,
      serverSecretCheck: 'check-value',
    });
  });

  it('stops the start with one line, without the password, when the server refuses', async () => {
    const wrong = new URL(database.url);
    wrong.username = 'nobody_here';
    wrong.password = 'topsecret';

    const inspecting = inspectDatabase(settings(wrong.toString()));

    await expect(inspecting).rejects.toThrow(
      new RegExp(`^The database ${describeDatabase(settings(wrong.toString()))} cannot be read`),
    );
    await expect(inspecting).rejects.not.toThrow(/topsecret/);
  });

  it('VACUUMs the touched tables after an erasure', async () => {
    const dataSource = await open(database.url);
    await dataSource.query(
      'INSERT INTO centre (id, name, phone, response_days, retention_months, exit_url, ' +
        "notification_sender, notification_subject, topics) VALUES (1, 'Gelöscht-Kanarienvogel', " +
        "'1', 3, 6, 'https://example.org/', 'a@b.example', 's', '[]')",
    );
    await dataSource.query('DELETE FROM centre');
    const dead = async () =>
      Number(
        (
          await dataSource.query(
            "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'centre'",
          )
        )[0].n_dead_tup,
      );
    // The statistics collector reports with a delay; ask it to flush.
    await dataSource.query('SELECT pg_stat_clear_snapshot()');

    await checkpointWal(dataSource, ['centre']);

    const [{ last }] = await dataSource.query(
      "SELECT last_vacuum AS last FROM pg_stat_user_tables WHERE relname = 'centre'",
    );
    expect(last).not.toBeNull();
    expect(await dead()).toBe(0);
  });
});
