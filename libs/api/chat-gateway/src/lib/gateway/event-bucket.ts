/**
 * A token bucket: `burst` events at once, refilled at `perSecond`. The chat keeps one per account
 * and kind ({@link MemoryChatLimits}), so that one person cannot flood the room or the database,
 * however many sockets and sessions she opens.
 */
export class EventBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now = Date.now()): boolean {
    if (!this.has(now)) {
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  /** Whether a token is there, without taking it. */
  has(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  /** Refilled to the brim: the same as a new bucket. */
  isFull(now = Date.now()): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
    }
  }
}
