import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AUTH_SETTINGS, AuthSettings } from '../auth-settings';

/** How many attempts a key may make within a window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Limits per credential endpoint: per username, and per address (both within 15 minutes). */
export const RATE_LIMITS = {
  prelogin: {
    perName: { limit: 30, windowMs: 900_000 },
    perAddress: { limit: 120, windowMs: 900_000 },
  },
  login: {
    perName: { limit: 10, windowMs: 900_000 },
    perAddress: { limit: 60, windowMs: 900_000 },
  },
  register: {
    perName: { limit: 10, windowMs: 900_000 },
    perAddress: { limit: 20, windowMs: 900_000 },
  },
  reset: { perName: { limit: 5, windowMs: 900_000 }, perAddress: { limit: 20, windowMs: 900_000 } },
  recovery: {
    perName: { limit: 10, windowMs: 900_000 },
    perAddress: { limit: 30, windowMs: 900_000 },
  },
  staff: {
    perName: { limit: 10, windowMs: 900_000 },
    perAddress: { limit: 30, windowMs: 900_000 },
  },
} satisfies Record<string, { perName: RateLimit; perAddress: RateLimit }>;

export type RateLimitedAction = keyof typeof RATE_LIMITS;

export class TooManyRequestsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'Too many attempts. Please wait a few minutes and try again.',
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Fixed-window counters in memory. Addresses are counted under an HMAC with the server secret,
 * never in clear, and the counters vanish with the process: no IP address is ever stored.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly addressKey: Buffer;

  constructor(@Inject(AUTH_SETTINGS) settings: AuthSettings) {
    this.addressKey = Buffer.from(settings.serverSecret);
  }

  /** Counts one attempt for the name and the address; throws 429 when either is over its limit. */
  hit(
    action: RateLimitedAction,
    username: string | null,
    address: string | undefined,
    now = Date.now(),
  ): void {
    const limits = RATE_LIMITS[action];
    const keys: [string, RateLimit][] = [
      [`${action}|a|${this.hashAddress(address)}`, limits.perAddress],
    ];
    if (username) {
      keys.push([`${action}|n|${username}`, limits.perName]);
    }
    let retryAfter = 0;
    for (const [key, limit] of keys) {
      retryAfter = Math.max(retryAfter, this.count(key, limit, now));
    }
    if (retryAfter > 0) {
      throw new TooManyRequestsException(retryAfter);
    }
  }

  private count(key: string, limit: RateLimit, now: number): number {
    this.sweep(now);
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + limit.windowMs });
      return 0;
    }
    window.count += 1;
    return window.count > limit.limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  private hashAddress(address: string | undefined): string {
    return createHmac('sha256', this.addressKey)
      .update(address ?? 'unknown')
      .digest('base64url');
  }

  private lastSweep = 0;

  /** Drops expired windows now and then, so memory stays bounded. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) {
      return;
    }
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) {
        this.windows.delete(key);
      }
    }
  }
}
