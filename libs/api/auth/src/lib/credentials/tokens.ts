import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit token as base64url, for cookies and links. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a token: its SHA-256 in hex (the token itself has 256 bits of entropy). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The key under which a username is unique and looked up: NFKC, without surrounding space, lower case. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}
