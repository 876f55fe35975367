import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A fixed window of one key: how many hits, and when it ends. */
interface Window {
  hits: number;
  endsAt: number;
}

/** Most windows held at once; with 43-character keys about 10 MB at the very most. */
export const MAX_THROTTLE_WINDOWS = 50_000;

/**
 * The credential limits' counters, in memory and bounded. Keys arrive as fixed-size keyed hashes
 * (see `CredentialKeys`), so no address or name is held, and the map never holds more than
 * `maxWindows` entries: expired windows are dropped first, then the oldest ones. An attacker who
 * floods it with new names can at worst make it forget old windows early; the per-address limits
 * keep a single client from doing that. Counters vanish with the process.
 *
 * Fixed windows of `ttl`: a key over its limit is blocked until its window ends. `forgive` takes
 * back one hit, for limits that count only failed attempts.
 */
@Injectable()
export class BoundedThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxWindows = MAX_THROTTLE_WINDOWS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${throttlerName}|${key}`;
    let window = this.windows.get(id);
    if (!window || window.endsAt <= now) {
      this.windows.delete(id);
      this.makeRoom(now);
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(id, window);
    }
    window.hits += 1;
    const timeToExpire = Math.ceil((window.endsAt - now) / 1000);
    const isBlocked = window.hits > limit;
    return {
      totalHits: window.hits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }

  /** Takes back one hit of a key, for an attempt that turned out not to count (a success). */
  forgive(key: string, throttlerName: string): void {
    const window = this.windows.get(`${throttlerName}|${key}`);
    if (window && window.hits > 0) {
      window.hits -= 1;
    }
  }

  private lastSweep = 0;

  /**
   * Drops expired windows once a minute, and the oldest window when the map is full. Every
   * window lasts about as long as the others (15 minutes), so insertion order is nearly expiry
   * order and the first entry of the map is the one to go: O(1) per request, whatever a flood does.
   */
  private makeRoom(now: number): void {
    if (now - this.lastSweep >= 60_000) {
      this.lastSweep = now;
      for (const [id, window] of this.windows) {
        if (window.endsAt <= now) {
          this.windows.delete(id);
        }
      }
    }
    while (this.windows.size >= this.maxWindows) {
      const oldest = this.windows.keys().next().value as string;
      this.windows.delete(oldest);
    }
  }
}
