import { Logger } from '@nestjs/common';
import * as sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { cacheStatements } from './statement-cache';
import { drainConnection, serializeTransactions } from './transaction-lock';
import { DatabaseLogger } from './typeorm-logger';

/** Where the database lives: a file path, or `:memory:` for a throw-away database. */
export interface DatabaseSettings {
  databasePath: string;
}

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
export function sqliteOptions(settings: DatabaseSettings): DataSourceOptions {
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
 * Opens the connection, then sets the pragmas that DESIGN.md section 6 relies on before any data is
 * touched: `secure_delete` overwrites deleted content with zeros, so that an erased account cannot be
 * read back from the file. TypeORM's SQLite driver keeps a single connection, so the pragmas hold for
 * every later query. Pending migrations run last, each in its own transaction.
 */
export async function openDatabase(dataSource: DataSource): Promise<DataSource> {
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
 * Moves everything in the write-ahead log into the main file and truncates the log to zero bytes,
 * so that deleted rows do not linger in the WAL (used after an erasure).
 */
export async function checkpointWal(dataSource: DataSource): Promise<void> {
  await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
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
