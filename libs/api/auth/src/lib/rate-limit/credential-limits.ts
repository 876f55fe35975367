import { createHmac } from 'node:crypto';
import { minutes } from '@nestjs/throttler';
import { usernameKey } from '../credentials/tokens';

/** How many attempts a key may make within a window. */
export interface RateLimit {
  limit: number;
  /** Window in milliseconds. */
  ttl: number;
}

/**
 * The limits of each credential action, per address and per username, within 15 minutes.
 * `perName` counts only what `countsPerName` says: for login and recovery only failed attempts
 * (a successful one is forgiven), so that a counsellor who logs in and out all day is never
 * locked out. Addresses count every attempt, at limits that an office whose staff share one
 * address lives with.
 */
export const CREDENTIAL_LIMITS = {
  prelogin: {
    perAddress: { limit: 300, ttl: minutes(15) },
    perName: { limit: 60, ttl: minutes(15) },
    countsPerName: 'all',
  },
  login: {
    perAddress: { limit: 100, ttl: minutes(15) },
    perName: { limit: 10, ttl: minutes(15) },
    countsPerName: 'failed',
  },
  register: {
    perAddress: { limit: 20, ttl: minutes(15) },
    perName: { limit: 10, ttl: minutes(15) },
    countsPerName: 'all',
  },
  reset: {
    perAddress: { limit: 20, ttl: minutes(15) },
    perName: { limit: 5, ttl: minutes(15) },
    countsPerName: 'all',
  },
  recovery: {
    perAddress: { limit: 30, ttl: minutes(15) },
    perName: { limit: 10, ttl: minutes(15) },
    countsPerName: 'failed',
  },
  staff: {
    perAddress: { limit: 30, ttl: minutes(15) },
    perName: { limit: 10, ttl: minutes(15) },
    countsPerName: 'all',
  },
} satisfies Record<
  string,
  { perAddress: RateLimit; perName: RateLimit; countsPerName: 'all' | 'failed' }
>;

export type CredentialAction = keyof typeof CREDENTIAL_LIMITS;

export const CREDENTIAL_ACTIONS = Object.keys(CREDENTIAL_LIMITS) as CredentialAction[];

/** What a limit is counted by: the client's address, or the username the request names. */
export type LimitKind = 'address' | 'name';

/** The name of the throttler that counts `action` by `kind`, for example `login-name`. */
export function throttlerName(action: CredentialAction, kind: LimitKind): string {
  return `${action}-${kind}`;
}

/**
 * Turns what a client chose (an address, a username) into a fixed-size key: HMAC-SHA256 under
 * the server secret, base64url. Neither the address nor the name is ever held in clear, and a
 * name of any length costs the same 43 characters. Names are normalised as the account lookup
 * normalises them (NFKC, trimmed, lower case), so `Anna`, ` anna` and `anna\u00a0` share one count.
 */
export class CredentialKeys {
  private readonly secret: Buffer;

  constructor(serverSecret: Uint8Array) {
    this.secret = Buffer.from(serverSecret);
  }

  key(throttler: string, kind: LimitKind, value: string): string {
    const normalised = kind === 'name' ? usernameKey(value) : value;
    return createHmac('sha256', this.secret)
      .update(`${throttler}|${normalised}`, 'utf8')
      .digest('base64url');
  }
}
