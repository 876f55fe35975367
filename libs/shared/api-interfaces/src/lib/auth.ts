import { AesEnvelopeDto, SealedEnvelopeDto } from './envelopes';
import { Role } from './roles';

/** `POST /api/auth/prelogin`: the parameters to derive the keys from the password. */
export interface PreloginResponse {
  kdfSalt: string;
  kdfIterations: number;
}

/** An e-mail address as the portal shows it back to its owner: `mond@example.org` → `m***@example.org`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) {
    return '***';
  }
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** What the portal shows about the logged-in account (`GET /api/accounts/me`). */
export interface AccountResponse {
  id: string;
  username: string;
  role: Role;
  /** Shown to clients for counsellors; clients have none. */
  displayName: string | null;
  hasEmail: boolean;
  /**
   * Her stored e-mail address, masked (`m***@example.org`), so that she recognises which one it
   * is; null without one. Only its owner ever gets it.
   */
  maskedEmail: string | null;
  /** ISO date on which a client account is erased unless she is active; null for staff. */
  deletionDate: string | null;
  /**
   * Whether she confirmed that she kept her current recovery code; false after registration, a
   * reset or a new code until she does (`POST /api/accounts/me/recovery/confirmation`).
   */
  recoveryConfirmed: boolean;
}

/** The keys the browser needs after login; the private key is wrapped under `wrapKey`. */
export interface AccountKeys {
  publicKey: string;
  wrappedPrivateKey: AesEnvelopeDto;
  /** The team private key sealed to this counsellor's public key; null for clients and ungranted staff. */
  teamKeyGrant: SealedEnvelopeDto | null;
}

/** `POST /api/auth/login`, `POST /api/auth/register`, `GET /api/auth/session`. */
export interface SessionResponse {
  account: AccountResponse;
  keys: AccountKeys;
  session: SessionTimes;
}

/** When the session ends unless used again (idle) and at the latest (absolute), as ISO dates. */
export interface SessionTimes {
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

/** `POST /api/auth/recovery/start`. */
export interface RecoveryStartResponse {
  recoveryToken: string;
  recoveryWrappedPrivateKey: AesEnvelopeDto;
}

/** `GET /api/auth/status`: the session if there is one; always 200, so a page load logs no error. */
export interface SessionStatusResponse {
  session: SessionResponse | null;
}
