import { Logger } from '@nestjs/common';
import * as sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { cacheStatements } from './statement-cache';
import { drainConnection, serializeTransactions } from './transaction-lock';
import { DatabaseLogger } from './typeorm-logger';

/** The embedded SQLite database: a file path, or `:memory:` for a throw-away database. */
export interface SqliteSettings {
  engine?: 'sqlite';
  databasePath: string;
}

/** TLS towards PostgreSQL, from the URL's `sslmode`: none, encrypted only, or verified. */
export type PostgresTls = 'disable' | 'require' | 'verify-full';

/**
 * The pg driver's `ssl` option for a {@link PostgresTls}: off, encrypted without a certificate
 * check, or encrypted with the certificate checked against the system's CAs and the host name.
 */
export function postgresSsl(tls: PostgresTls): false | { rejectUnauthorized: boolean } {
  return tls === 'disable' ? false : { rejectUnauthorized: tls === 'verify-full' };
}

/** A PostgreSQL server: `postgres://user:pass@host:port/db` without its `sslmode`. */
export interface PostgresSettings {
  engine: 'postgres';
  url: string;
  tls: PostgresTls;
  /** Connections in the pool. */
  poolSize: number;
  /** A statement running longer is cancelled by the server (0: no limit). */
  statementTimeoutMs: number;
}

/** Where the database lives; SQLite unless `engine` says PostgreSQL. */
export type DatabaseSettings = SqliteSettings | PostgresSettings;

export function isPostgres(settings: DatabaseSettings): settings is PostgresSettings {
  return settings.engine === 'postgres';
}

/** True when the data source talks to PostgreSQL. */
export function onPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}

/**
 * A name for the database in messages and logs: the SQLite file, or PostgreSQL's host, port and
 * database, never its user or password.
 */
export function describeDatabase(settings: DatabaseSettings): string {
  if (!isPostgres(settings)) {
    return settings.databasePath;
  }
  const url = new URL(settings.url);
  return `postgres://${url.host}${url.pathname}`;
}

/**
 * The key of the advisory lock under which migrations run on PostgreSQL, so that instances that
 * start at once migrate one after the other (the later ones find nothing left to do).
 */
export const MIGRATION_LOCK_KEY = 4_711_150_015;

/** How long a statement waits for a lock held by another connection before it fails. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The oldest SQLite the hand-written queries work on (JSON functions built in since 3.38). The
 * sqlite3 package builds its own, newer one; a build against an older system library fails at boot.
 */
export const MIN_SQLITE_VERSION = '3.38.0';

/** How long closing the database waits for the statements of requests still in flight. */
export const CLOSE_DRAIN_MS = 5000;

/**
 * The sqlite3 module without its verbose mode. TypeORM switches verbose mode on, which wraps every
 * database call to capture a stack trace and format all its arguments with `util.inspect`, only to
 * make error stacks longer: about a fifth of the server's CPU time in `bench:api`. Errors keep
 * their message and TypeORM's own stack.
 */
function sqliteWithoutTracing(): typeof sqlite3 {
  return Object.create(sqlite3, {
    verbose: {
      value(this: typeof sqlite3) {
        return this;
      },
    },
  });
}

/**
 * TypeORM options for the embedded SQLite database. The schema comes only from the committed
 * migrations (`synchronize` stays off); the migrations run in {@link openDatabase}.
 */
export function sqliteOptions(settings: SqliteSettings): DataSourceOptions {
  return {
    type: 'sqlite',
    driver: sqliteWithoutTracing(),
    database: settings.databasePath,
    enableWAL: settings.databasePath !== ':memory:',
    busyTimeout: BUSY_TIMEOUT_MS,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new DatabaseLogger(),
    maxQueryExecutionTime: 1000,
  };
}

/**
 * TypeORM options for either engine; on PostgreSQL a pool of `poolSize` connections with the
 * statement timeout, over TLS when the URL asked for it. The schema comes from the migrations.
 */
export function databaseOptions(settings: DatabaseSettings): DataSourceOptions {
  if (!isPostgres(settings)) {
    return sqliteOptions(settings);
  }
  return {
    type: 'postgres',
    url: settings.url,
    ssl: postgresSsl(settings.tls),
    extra: {
      max: settings.poolSize,
      statement_timeout: settings.statementTimeoutMs,
      application_name: 'confidant',
    },
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new DatabaseLogger(),
    maxQueryExecutionTime: 1000,
  };
}

/**
 * Opens the database for the portal: SQLite through {@link openSqlite}; PostgreSQL with its pending
 * migrations run under an advisory lock, so that several instances may start at once.
 */
export async function openDatabase(dataSource: DataSource): Promise<DataSource> {
  if (!onPostgres(dataSource)) {
    return openSqlite(dataSource);
  }
  if (!dataSource.isInitialized) {
    await dataSource.initialize();
  }
  await migrateUnderLock(dataSource);
  return dataSource;
}

/** Runs the pending migrations on PostgreSQL while holding {@link MIGRATION_LOCK_KEY}. */
export async function migrateUnderLock(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Opens the SQLite connection, then sets the pragmas that DESIGN.md section 6 relies on before any data is
 * touched: `secure_delete` overwrites deleted content with zeros, so that an erased account cannot be
 * read back from the file. TypeORM's SQLite driver keeps a single connection, so the pragmas hold for
 * every later query. Pending migrations run last, each in its own transaction.
 */
async function openSqlite(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) {
    await dataSource.initialize();
  }
  const [{ version }] = await dataSource.query('SELECT sqlite_version() AS version');
  if (compareVersions(version, MIN_SQLITE_VERSION) < 0) {
    await dataSource.destroy();
    throw new Error(
      `SQLite ${version} is too old: the portal needs ${MIN_SQLITE_VERSION} or newer`,
    );
  }
  await dataSource.query('PRAGMA secure_delete = ON');
  await dataSource.query('PRAGMA foreign_keys = ON');
  await dataSource.query(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // In WAL mode, NORMAL writes a commit to the log without waiting for the disk (fsync); the log
  // is synced at each checkpoint. A commit survives a crash of the portal, and the database stays
  // consistent after a power loss, which may lose the commits since the last checkpoint. FULL
  // waited for the disk at every commit, while every other statement waited for the connection:
  // sends were 40 % slower in `bench:api`. Erasure still reaches the disk: it checkpoints at once.
  await dataSource.query('PRAGMA synchronous = NORMAL');
  await dataSource.runMigrations({ transaction: 'each' });
  cacheStatements(dataSource);
  serializeTransactions(dataSource);
  closeAfterDraining(dataSource);
  return dataSource;
}

/**
 * Makes `destroy()` (called by Nest at shutdown, after the HTTP server has stopped) wait until the
 * statements of requests still in flight are done, so that none of them fails on a closed handle.
 */
function closeAfterDraining(dataSource: DataSource): void {
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    if (!(await drainConnection(dataSource, CLOSE_DRAIN_MS))) {
      new Logger('Database').warn(`Closing with work still in flight after ${CLOSE_DRAIN_MS} ms`);
    }
    return destroy();
  };
}

/**
 * Reclaims the space of deleted rows after an erasure. SQLite: moves everything in the write-ahead
 * log into the main file (where `secure_delete` zeroed them) and truncates the log to zero bytes.
 * PostgreSQL: VACUUMs the touched tables, so that the dead row versions are removed from their
 * pages and a CHECKPOINT writes the pages out (its WAL, archives and replicas keep the old versions
 * until they rotate: see the README).
 */
export async function checkpointWal(dataSource: DataSource, tables: string[] = []): Promise<void> {
  if (!onPostgres(dataSource)) {
    await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    return;
  }
  for (const table of tables) {
    await dataSource.query(`VACUUM ${dataSource.driver.escape(table)}`);
  }
}

/**
 * The cheap, non-blocking step between erasure batches: a passive checkpoint on SQLite; nothing on
 * PostgreSQL, which reclaims in {@link checkpointWal} at the end.
 */
export async function checkpointPassive(dataSource: DataSource): Promise<void> {
  if (!onPostgres(dataSource)) {
    await dataSource.query('PRAGMA wal_checkpoint(PASSIVE)');
  }
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}
