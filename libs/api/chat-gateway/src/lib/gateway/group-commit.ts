import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** At most this many events share one transaction. */
export const MAX_GROUP = 64;

interface Job {
  prepare: () => Promise<unknown>;
  write: (prepared: unknown) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for chat messages. Each message is stored through `MessagesService.post`, which
 * writes it in a transaction of its own; alone, every message would wait for its own commit
 * (and the disk's flush), and every other statement of the application waits while one runs.
 * Here the messages that arrive while a group is being written are handled together in one
 * outer transaction: first the checks of all of them at once (reads, which SQLite runs back to
 * back), then their writes one after the other (each `post` becomes a savepoint inside the outer
 * transaction, see `serializeTransactions`), then one commit. Each message learns its outcome
 * only after that commit, so nobody receives a message that is not stored.
 */
@Injectable()
export class GroupCommit {
  private queue: Job[] = [];
  private running = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `prepare` may run at the same time as others' (reads only); `write` runs alone. */
  run<P, T>(prepare: () => Promise<P>, write: (prepared: P) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        prepare,
        write: write as (prepared: unknown) => Promise<unknown>,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      // Whatever else arrived in this turn of the event loop joins the first group.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        let outcomes: Outcome[];
        try {
          outcomes = await this.dataSource.transaction(() => this.inTransaction(group));
        } catch (error) {
          group.forEach((job) => job.reject(error));
          continue;
        }
        group.forEach((job, index) => {
          const outcome = outcomes[index];
          if (outcome.ok) {
            job.resolve(outcome.value);
          } else {
            job.reject(outcome.error);
          }
        });
      }
    } finally {
      this.running = false;
    }
  }

  private async inTransaction(group: Job[]): Promise<Outcome[]> {
    const prepared = await Promise.allSettled(group.map((job) => job.prepare()));
    const outcomes: Outcome[] = [];
    for (const [index, job] of group.entries()) {
      const ready = prepared[index];
      if (ready.status === 'rejected') {
        outcomes.push({ ok: false, error: ready.reason });
        continue;
      }
      try {
        outcomes.push({ ok: true, value: await job.write(ready.value) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }
}
