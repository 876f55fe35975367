import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { serializeTransactions } from './transaction-lock';
import { DatabaseLogger } from './typeorm-logger';

/** Where the database lives: a file path, or `:memory:` for a throw-away database. */
export interface DatabaseSettings {
  databasePath: string;
}

/** How long a statement waits for a lock held by another connection before it fails. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * TypeORM options for the embedded SQLite database. The schema comes only from the committed
 * migrations (`synchronize` stays off); the migrations run in {@link openDatabase}.
 */
export function sqliteOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'sqlite',
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
  await dataSource.query('PRAGMA secure_delete = ON');
  await dataSource.query('PRAGMA foreign_keys = ON');
  await dataSource.query(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await dataSource.runMigrations({ transaction: 'each' });
  serializeTransactions(dataSource);
  return dataSource;
}

/**
 * Moves everything in the write-ahead log into the main file and truncates the log to zero bytes,
 * so that deleted rows do not linger in the WAL (used after an erasure).
 */
export async function checkpointWal(dataSource: DataSource): Promise<void> {
  await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
}
