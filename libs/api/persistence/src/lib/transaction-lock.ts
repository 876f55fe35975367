import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';

/** Hands the single SQLite connection to one transaction at a time. */
class ConnectionLock {
  private owner: symbol | null = null;
  private waiting: (() => void)[] = [];

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
  const context = new AsyncLocalStorage<symbol>();
  // The SQLite driver hands out this one runner for every query.
  const runner = dataSource.createQueryRunner();

  const query = runner.query.bind(runner);
  runner.query = (async (...args: Parameters<typeof query>) => {
    await lock.waitFor(context.getStore());
    return query(...args);
  }) as typeof runner.query;

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
    const token = Symbol('transaction');
    await lock.acquire(token);
    try {
      return await context.run(token, () =>
        (transaction as (...a: unknown[]) => Promise<unknown>)(...args),
      );
    } finally {
      lock.release(token);
    }
  }) as typeof manager.transaction;
}
