import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import * as sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import {
  DatabaseSettings,
  PostgresSettings,
  describeDatabase,
  isPostgres,
  postgresSsl,
} from './database-options';
import { parameter } from './entity-rows';

/**
 * The database file cannot be used: it is damaged, is not a SQLite database, or cannot be read or
 * written. The message is one line that names the file and says what to do.
 */
export class DatabaseUnusableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnusableError';
  }
}

/** What a start needs to know about the database before it opens it for writing. */
export interface DatabaseState {
  /** False on the first start (no file yet) and for `:memory:`. */
  exists: boolean;
  /** True when it holds at least one account. */
  hasAccounts: boolean;
  /** The check value of the server secret it was set up with; null before one was recorded. */
  serverSecretCheck: string | null;
}

/** How long the inspection waits for a lock that a running instance holds. */
const INSPECTION_BUSY_MS = 2000;

/**
 * Looks at the database without changing it, before anything else at start: it opens the file
 * read-only (immutable, so that not even SQLite's `-wal` and `-shm` files appear, unless a log of a
 * running or crashed instance is there and must be read), checks its structure (`PRAGMA
 * quick_check`, about 3 ms per MB), and reads whether accounts exist and which server secret it was
 * set up with. A damaged or unreadable file throws a {@link DatabaseUnusableError} at once, instead
 * of the start failing later, halfway, with a stack trace.
 */
export async function inspectDatabase(settings: DatabaseSettings | string): Promise<DatabaseState> {
  if (typeof settings !== 'string' && isPostgres(settings)) {
    return inspectPostgres(settings);
  }
  const databasePath = typeof settings === 'string' ? settings : settings.databasePath;
  const empty: DatabaseState = { exists: false, hasAccounts: false, serverSecretCheck: null };
  if (databasePath === ':memory:' || !existsSync(databasePath)) {
    return empty;
  }
  assertWritable(databasePath);
  const hasLog = existsSync(`${databasePath}-wal`) || existsSync(`${databasePath}-journal`);
  const location = hasLog ? databasePath : `${pathToFileURL(databasePath).href}?immutable=1`;
  let db: sqlite3.Database | undefined;
  try {
    db = await open(location);
    db.configure('busyTimeout', INSPECTION_BUSY_MS);
    // One row: "ok", or the first problem found.
    const [first] = await all(db, 'PRAGMA quick_check(1)');
    const verdict = first ? Object.values(first)[0] : 'no answer';
    if (verdict !== 'ok') {
      throw new DatabaseUnusableError(
        `The database ${databasePath} is damaged (${oneLine(String(verdict))}): ` +
          'stop here and restore it from a backup',
      );
    }
    const tables = new Set(
      (
        await all(
          db,
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('account', 'server_secret_check')",
        )
      ).map((row) => row['name']),
    );
    const hasAccounts =
      tables.has('account') && (await all(db, 'SELECT 1 AS found FROM account LIMIT 1')).length > 0;
    const check = tables.has('server_secret_check')
      ? await all(db, 'SELECT check_value FROM server_secret_check WHERE id = 1')
      : [];
    return {
      exists: true,
      hasAccounts,
      serverSecretCheck: check.length > 0 ? String(check[0]['check_value']) : null,
    };
  } catch (error) {
    throw unusable(databasePath, error);
  } finally {
    if (db) {
      await new Promise((done) => db?.close(done));
    }
  }
}

/**
 * The same look at a PostgreSQL database, in a read-only transaction: whether it holds accounts and
 * which server secret it was set up with. A server that cannot be reached or refuses the login
 * stops the start with one line (never the password).
 */
async function inspectPostgres(settings: PostgresSettings): Promise<DatabaseState> {
  const client = new Client({
    connectionString: settings.url,
    ssl: postgresSsl(settings.tls),
    connectionTimeoutMillis: 10_000,
  });
  // A connection error after connect() is reported through the 'error' event; without a
  // listener it would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('BEGIN READ ONLY');
    const { rows } = await client.query(
      "SELECT to_regclass('account') IS NOT NULL AS accounts, " +
        "to_regclass('server_secret_check') IS NOT NULL AS secret_check",
    );
    const hasAccounts =
      rows[0].accounts && ((await client.query('SELECT 1 FROM account LIMIT 1')).rowCount ?? 0) > 0;
    const check = rows[0].secret_check
      ? (await client.query('SELECT check_value FROM server_secret_check WHERE id = 1')).rows
      : [];
    await client.query('COMMIT');
    return {
      exists: rows[0].accounts || rows[0].secret_check,
      hasAccounts,
      serverSecretCheck: check.length > 0 ? String(check[0].check_value) : null,
    };
  } catch (error) {
    const text = (error as { message?: unknown }).message;
    throw new DatabaseUnusableError(
      `The database ${describeDatabase(settings)} cannot be read ` +
        `(${oneLine(typeof text === 'string' ? text : String(error))})`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Records the check value of the server secret once, after the migrations; returns the value the
 * database holds afterwards (the recorded one, if another start got there first).
 */
export async function recordServerSecretCheck(
  dataSource: DataSource,
  checkValue: string,
): Promise<string> {
  await dataSource.query(
    'INSERT INTO server_secret_check (id, check_value, created_at) ' +
      `VALUES (1, ${parameter(dataSource, 0)}, ${parameter(dataSource, 1)}) ON CONFLICT (id) DO NOTHING`,
    [checkValue, Date.now()],
  );
  const [row] = await dataSource.query('SELECT check_value FROM server_secret_check WHERE id = 1');
  return String(row.check_value);
}

function assertWritable(databasePath: string): void {
  for (const [path, what] of [
    [databasePath, 'file'],
    [dirname(databasePath), 'folder'],
  ]) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch (error) {
      throw new DatabaseUnusableError(
        `The database ${what} ${path} cannot be read and written by this process ` +
          `(${(error as NodeJS.ErrnoException).code}): give the portal's user access to it`,
      );
    }
  }
}

function open(location: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(location, sqlite3.OPEN_READONLY | sqlite3.OPEN_URI, (error) =>
      error ? reject(error) : resolve(db),
    );
  });
}

function all(db: sqlite3.Database, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, (error, rows: Record<string, unknown>[]) =>
      error ? reject(error) : resolve(rows),
    ),
  );
}

function unusable(databasePath: string, error: unknown): DatabaseUnusableError {
  if (error instanceof DatabaseUnusableError) {
    return error;
  }
  const code = (error as { code?: unknown }).code;
  // sqlite3's errors are not always `instanceof Error` (another realm under Jest).
  const text = (error as { message?: unknown }).message;
  const message = oneLine(typeof text === 'string' ? text : String(error));
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new DatabaseUnusableError(
      `The database ${databasePath} is damaged or not a SQLite database (${message}): ` +
        'stop here and restore it from a backup',
    );
  }
  if (code === 'SQLITE_BUSY') {
    return new DatabaseUnusableError(
      `The database ${databasePath} is locked by another process (${message}): ` +
        'stop the other instance first',
    );
  }
  return new DatabaseUnusableError(`The database ${databasePath} cannot be read (${message})`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
