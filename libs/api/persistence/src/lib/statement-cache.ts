import type { Database, Statement } from 'sqlite3';
import { DataSource } from 'typeorm';

/** How many prepared statements the connection keeps; TypeORM's SQL comes in a few hundred shapes. */
export const STATEMENT_CACHE_SIZE = 500;

const RETURNING = /\bRETURNING\b/i;

type Callback = (this: Statement | void, error: Error | null, ...results: unknown[]) => void;

/**
 * Keeps the statements TypeORM's SQLite driver runs prepared, keyed by their SQL text, and reuses
 * them. Without it every query prepares a new statement, runs it and finalises it: three trips
 * through libuv's thread pool, and the finalisation waits on the main thread for the connection's
 * mutex while another query runs on a worker thread. A reused statement is one trip and never
 * blocks the main thread. Each run binds its own parameters, and a statement is reset before the
 * next run binds, so the results are those of the uncached driver; SQLite prepares a statement
 * again by itself after a schema change. The least recently used statement is finalised when the
 * cache is full, and all of them before the connection closes.
 */
export function cacheStatements(dataSource: DataSource, size = STATEMENT_CACHE_SIZE): void {
  if (dataSource.options.type !== 'sqlite') {
    return;
  }
  const driver = dataSource.driver as unknown as { databaseConnection: Database };
  const database = driver.databaseConnection;
  const cache = new StatementCache(database, size);
  const cached = {
    all: (sql: string, ...args: unknown[]) => cache.run('all', sql, args),
    run: (sql: string, ...args: unknown[]) => cache.run('run', sql, args),
    close: (callback: (error: Error | null) => void) =>
      cache.finalizeAll().then(() => database.close(callback)),
  };
  driver.databaseConnection = new Proxy(database, {
    get(target, property) {
      if (property in cached) {
        return cached[property as keyof typeof cached];
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Prepared statements by SQL text, least recently used first. */
class StatementCache {
  private readonly statements = new Map<string, PreparedStatement>();

  constructor(
    private readonly database: Database,
    private readonly size: number,
  ) {}

  /** Runs `all` or `run` as `Database.all/run(sql, ...args)` would, on a cached statement. */
  run(method: 'all' | 'run', sql: string, args: unknown[]): void {
    if (method === 'run' && RETURNING.test(sql)) {
      // `run` steps once; a statement with rows left would stay open, with its transaction.
      (this.database.run as (sql: string, ...a: unknown[]) => void)(sql, ...args);
      return;
    }
    const last = args[args.length - 1];
    const callback: Callback | undefined =
      typeof last === 'function' ? (last as Callback) : undefined;
    this.statement(sql).ready((error, statement) => {
      if (error || !statement) {
        callback?.call(undefined, error ?? new Error('SQLITE_MISUSE: no statement'));
        return;
      }
      (statement[method] as (...a: unknown[]) => void)(...args);
    });
  }

  async finalizeAll(): Promise<void> {
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(statements.map((statement) => statement.finalize()));
  }

  private statement(sql: string): PreparedStatement {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql); // moves it to the end: the most recently used
    } else {
      statement = new PreparedStatement(this.database, sql, () => this.forget(sql, statement));
      const oldest = this.statements.size >= this.size && this.statements.keys().next();
      if (oldest && !oldest.done) {
        void this.statements.get(oldest.value)?.finalize();
        this.statements.delete(oldest.value);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  /** Drops a statement that did not prepare, so that the next attempt reports its own error. */
  private forget(sql: string, statement: PreparedStatement | undefined): void {
    if (this.statements.get(sql) === statement) {
      this.statements.delete(sql);
    }
  }
}

/** One statement, usable once it has prepared; calls made before wait for that. */
class PreparedStatement {
  private statement?: Statement;
  private error: Error | null = null;
  private waiting: ((error: Error | null, statement?: Statement) => void)[] | null = [];

  constructor(database: Database, sql: string, onFailure: () => void) {
    const statement = database.prepare(sql, (error: Error | null) => {
      this.error = error;
      if (error) {
        onFailure();
      } else {
        this.statement = statement;
      }
      const waiting = this.waiting ?? [];
      this.waiting = null;
      waiting.forEach((resume) => resume(this.error, this.statement));
    });
  }

  ready(resume: (error: Error | null, statement?: Statement) => void): void {
    if (this.waiting) {
      this.waiting.push(resume);
    } else {
      resume(this.error, this.statement);
    }
  }

  finalize(): Promise<void> {
    return new Promise((resolve) =>
      this.ready((_error, statement) =>
        statement ? statement.finalize(() => resolve()) : resolve(),
      ),
    );
  }
}
