import { HttpErrorResponse } from '@angular/common/http';

/**
 * What went wrong with an account operation, in the categories the pages explain to her.
 *
 * - `credentials`: username or password (or recovery code) do not match (login: 401).
 * - `wrong-password`: the password of the logged-in account is wrong (403, or it did not open the key).
 * - `rate-limited`: too many attempts; `retryAfterMinutes` says how long to wait.
 * - `taken`: the username is taken (409).
 * - `invalid`: the server refused the input or the link (400).
 * - `unsafe`: the server offered key-derivation parameters the browser refuses.
 * - `session`: the session ended meanwhile (401 on an own-account operation).
 * - `offline`: no answer from the server.
 * - `unknown`: anything else.
 */
export type FailureKind =
  | 'credentials'
  | 'wrong-password'
  | 'rate-limited'
  | 'taken'
  | 'invalid'
  | 'unsafe'
  | 'session'
  | 'offline'
  | 'unknown';

export interface Failure {
  kind: FailureKind;
  /** Whole minutes to wait, for `rate-limited`; at least 1. */
  retryAfterMinutes?: number;
}

/** Thrown when the password given for the logged-in account does not open its key. */
export class WrongPasswordError extends Error {
  constructor() {
    super('The password does not open the key of this account.');
    this.name = 'WrongPasswordError';
  }
}

/** A CryptoError without importing the crypto lib (it is loaded lazily). */
function cryptoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/**
 * Sorts an error from an API call or from the crypto lib into a {@link Failure}. `on401` says what
 * a 401 means for the call at hand: wrong credentials at login, an ended session elsewhere.
 */
export function toFailure(error: unknown, on401: FailureKind = 'credentials'): Failure {
  if (error instanceof WrongPasswordError) {
    return { kind: 'wrong-password' };
  }
  if (error instanceof HttpErrorResponse) {
    switch (error.status) {
      case 0:
        return { kind: 'offline' };
      case 400:
        return { kind: 'invalid' };
      case 401:
        return { kind: on401 };
      case 403:
        return { kind: 'wrong-password' };
      case 409:
        return { kind: 'taken' };
      case 429: {
        const seconds = Number(error.headers.get('Retry-After'));
        const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
        return { kind: 'rate-limited', retryAfterMinutes: minutes };
      }
      default:
        return { kind: 'unknown' };
    }
  }
  const code = cryptoCode(error);
  if (code === 'kdf') {
    return { kind: 'unsafe' };
  }
  if (code === 'auth') {
    return { kind: on401 === 'session' ? 'wrong-password' : 'credentials' };
  }
  return { kind: 'unknown' };
}
