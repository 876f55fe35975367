import { DataSource, EntityManager } from 'typeorm';

/** At most this many events share one transaction. */
export const MAX_GROUP = 64;

/**
 * The work of a whole group inside its transaction (`manager`): a result per item, in order. A
 * rejected result refuses only its own item; an exception (or a failed commit) rolls the group
 * back and refuses all of it.
 */
export type GroupWork<I, T> = (
  items: I[],
  manager: EntityManager,
) => Promise<PromiseSettledResult<T>[]>;

interface Waiting<I, T> {
  item: I;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for chat messages. Alone, every message would wait for a transaction and a commit
 * of its own, and every other statement of the application waits while one runs on the single
 * connection. Here the items that arrive while a group is being written are handled together in
 * one transaction, by one call of `work`, which checks and stores all of them with a few
 * statements instead of a few per item (see `ChatMessages`). Each item learns its outcome only
 * after the commit, so that nobody receives a message that is not stored.
 */
export class GroupCommit<I, T> {
  private queue: Waiting<I, T>[] = [];
  private running = false;

  /**
   * `writes` says whether a group writes anything; one that only reads (checks) runs without a
   * transaction of its own, which would cost two statements more than its reads.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly work: GroupWork<I, T>,
    private readonly maxGroup = MAX_GROUP,
    private readonly writes: (items: I[]) => boolean = () => true,
  ) {}

  /** Resolves with the item's result once its group is committed. */
  submit(item: I): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
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
        const group = this.queue.splice(0, this.maxGroup);
        const items = group.map((waiting) => waiting.item);
        let results: PromiseSettledResult<T>[];
        try {
          results = this.writes(items)
            ? await this.dataSource.transaction((manager) => this.work(items, manager))
            : await this.work(items, this.dataSource.manager);
        } catch (error) {
          group.forEach((waiting) => waiting.reject(error));
          continue;
        }
        group.forEach((waiting, index) => {
          const result = results[index];
          if (result?.status === 'fulfilled') {
            waiting.resolve(result.value);
          } else {
            waiting.reject(result ? result.reason : new Error('The group gave no result'));
          }
        });
      }
    } finally {
      this.running = false;
    }
  }
}
