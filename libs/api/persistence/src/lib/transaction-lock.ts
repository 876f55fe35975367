import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';

/** Hands the single SQLite connection to one transaction at a time. */
class ConnectionLock {
  private owner: symbol | null = null;
  private waiting: (() => void)[] = [];
  /** Statements sent or waiting for the connection, and transactions running or waiting. */
  private pending = 0;
  private idleListeners: (() => void)[] = [];
  /** Grows with every unit of work, so that a quiet spell can be told from a busy one. */
  started = 0;

  /** True while nothing runs on the connection and nothing waits for it. */
  get idle(): boolean {
    return this.pending === 0 && this.owner === null;
  }

  /** Counts a unit of work (statement or transaction) until the returned promise settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    this.started++;
    try {
      return await work();
    } finally {
      this.pending--;
      if (this.idle) {
        const listeners = this.idleListeners;
        this.idleListeners = [];
        listeners.forEach((resume) => resume());
      }
    }
  }

  /** Resolves the next time the connection is idle (at once when it is). */
  whenIdle(): Promise<void> {
    return this.idle
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.idleListeners.push(resolve));
  }

  isHeldBy(token: symbol | undefined): boolean {
    return token !== undefined && this.owner === token;
  }

  /** Resolves once no other transaction holds the connection. */
  async waitFor(token: symbol | undefined): Promise<void> {
    while (this.owner !== null && this.owner !== token) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Checking and taking happen without an await in between, so two cannot both take it. */
  async acquire(token: symbol): Promise<void> {
    while (this.owner !== null && this.owner !== token) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.owner = token;
  }

  release(token: symbol): void {
    if (this.owner !== token) {
      return;
    }
    this.owner = null;
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resume) => resume());
  }
}

/**
 * TypeORM's SQLite driver runs everything over one connection. Two requests that each open a
 * transaction would nest into each other, and a statement of a third request would run inside
 * someone else's transaction and vanish with its rollback, although it was acknowledged.
 *
 * This makes `DataSource.transaction()` take the connection exclusively: while a transaction
 * runs, every statement from outside it waits. Statements inside it (recognised through
 * AsyncLocalStorage) go ahead. A transaction started any other way (`save()`, `remove()`) is
 * refused, so that the mistake shows up in tests instead of as lost data.
 */
export function serializeTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'sqlite') {
    return;
  }
  const lock = new ConnectionLock();
  locks.set(dataSource, lock);
  const context = new AsyncLocalStorage<symbol>();
  // The SQLite driver hands out this one runner for every query.
  const runner = dataSource.createQueryRunner();

  const query = runner.query.bind(runner);
  runner.query = ((...args: Parameters<typeof query>) =>
    lock.track(async () => {
      await lock.waitFor(context.getStore());
      return query(...args);
    })) as typeof runner.query;

  const startTransaction = runner.startTransaction.bind(runner);
  runner.startTransaction = async (...args: Parameters<typeof startTransaction>) => {
    if (!lock.isHeldBy(context.getStore())) {
      throw new Error(
        'Start transactions only with DataSource.transaction(); use insert/update/delete instead of save/remove',
      );
    }
    return startTransaction(...args);
  };

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager);
  manager.transaction = (async (...args: unknown[]) => {
    const current = context.getStore();
    if (lock.isHeldBy(current)) {
      return (transaction as (...a: unknown[]) => Promise<unknown>)(...args);
    }
    return lock.track(async () => {
      const token = Symbol('transaction');
      await lock.acquire(token);
      try {
        return await context.run(token, () =>
          (transaction as (...a: unknown[]) => Promise<unknown>)(...args),
        );
      } finally {
        lock.release(token);
      }
    });
  }) as typeof manager.transaction;
}

const locks = new WeakMap<DataSource, ConnectionLock>();

/** How long the connection must stay idle before it counts as drained. */
const QUIET_MS = 25;

/**
 * Waits until nothing has run on the connection for a short while, at most `limitMs`; true when it
 * drained. Used before the connection closes, so that statements of requests still in flight do
 * not fail with SQLITE_MISUSE: between two statements of a request there are only a few promise
 * turns, so a quiet spell means that the requests in flight have finished their database work.
 */
export async function drainConnection(dataSource: DataSource, limitMs: number): Promise<boolean> {
  const lock = locks.get(dataSource);
  if (!lock) {
    return true;
  }
  const deadline = Date.now() + limitMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), limitMs);
  });
  try {
    for (;;) {
      if (!(await Promise.race([lock.whenIdle().then(() => true), timeout]))) {
        return false;
      }
      const started = lock.started;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(QUIET_MS, deadline - Date.now())),
      );
      if (lock.idle && lock.started === started) {
        return true;
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
