import { fromCrockfordBase32, toCrockfordBase32 } from './encoding';
import { CryptoError, RecoveryCodeError } from './errors';
import { randomBytes } from './primitives';
import { RECOVERY_CODE_BYTES, RECOVERY_CODE_CHARS } from './protocol';

/** A recovery code: its 20 secret bytes and the text shown to the user once. */
export interface RecoveryCode {
  bytes: Uint8Array;
  /** 32 Crockford base32 characters in eight groups of four, joined by hyphens. */
  text: string;
}

const GROUP = 4;

/** Characters that separate groups and are ignored when reading: whitespace and dashes. */
const SEPARATOR = /[\s\-\u2010-\u2015\u2212]/u;

/** Look-alikes Crockford base32 reads as digits. */
const ALIASES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

const ASCII_ALPHANUMERIC = /^[0-9A-Za-z]$/;
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]$/;

/**
 * A new recovery code from 160 bits of the platform CSPRNG, enough that guessing it is hopeless
 * even for someone who holds the server's database.
 */
export function generateRecoveryCode(): RecoveryCode {
  const bytes = randomBytes(RECOVERY_CODE_BYTES);
  return { bytes, text: formatRecoveryCode(bytes) };
}

/**
 * 20 bytes → `XXXX-XXXX-…` (32 Crockford base32 characters in groups of four), the form shown,
 * downloaded and printed. Crockford's alphabet has no I, L, O or U, so the code survives being
 * copied by hand.
 */
export function formatRecoveryCode(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_CODE_BYTES) {
    throw new CryptoError('length', `A recovery code has ${RECOVERY_CODE_BYTES} bytes.`);
  }
  const chars = toCrockfordBase32(bytes);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) {
    groups.push(chars.slice(i, i + GROUP));
  }
  return groups.join('-');
}

/**
 * Reads a recovery code as a person typed or pasted it: case, spaces, hyphens (and other dashes)
 * are ignored, and O, I and L are read as 0, 1 and 1 as Crockford base32 specifies. Anything else
 * is reported, never guessed: an invalid character raises {@link RecoveryCodeError} `character`
 * with its 1-based position in the input, a wrong count raises `length`. A mistyped but valid
 * character cannot be noticed here (the code has no checksum); the server's verifier check
 * catches it.
 */
export function parseRecoveryCode(input: string): Uint8Array {
  if (typeof input !== 'string') {
    throw new RecoveryCodeError('length', { found: 0 }, 'No recovery code.');
  }
  let canonical = '';
  let position = 0;
  for (const char of input) {
    position++;
    if (SEPARATOR.test(char)) {
      continue;
    }
    const upper = ASCII_ALPHANUMERIC.test(char) ? char.toUpperCase() : char;
    const digit = ALIASES[upper] ?? upper;
    if (!CANONICAL.test(digit)) {
      throw new RecoveryCodeError(
        'character',
        { position },
        `Recovery code has an invalid character at position ${position}.`,
      );
    }
    canonical += digit;
  }
  if (canonical.length !== RECOVERY_CODE_CHARS) {
    throw new RecoveryCodeError(
      'length',
      { found: canonical.length },
      `Recovery code has ${canonical.length} characters instead of ${RECOVERY_CODE_CHARS}.`,
    );
  }
  return fromCrockfordBase32(canonical);
}
