/** Byte lengths of the protocol's binary values (DESIGN.md section 4, wire details). */
export const WireBytes = {
  authKey: 32,
  kdfSalt: 16,
  publicKey: 65,
  recoveryVerifier: 32,
  iv: 12,
  tag: 16,
  token: 32,
} as const;

/** Largest wrapped or sealed key envelope: a PKCS#8 P-256 key is about 138 bytes plus the tag. */
export const MAX_KEY_ENVELOPE_BYTES = 512;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Length of the unpadded base64url text for a number of bytes. */
export function base64UrlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

/** Number of bytes an unpadded base64url text decodes to, or -1 if it is not base64url. */
export function base64UrlBytes(value: unknown): number {
  if (typeof value !== 'string' || !BASE64URL.test(value) || value.length % 4 === 1) {
    return -1;
  }
  return Math.floor((value.length * 3) / 4);
}

/** True for unpadded base64url text of exactly `bytes` bytes. */
export function isBase64UrlOfLength(value: unknown, bytes: number): boolean {
  return (
    typeof value === 'string' &&
    value.length === base64UrlLength(bytes) &&
    base64UrlBytes(value) === bytes
  );
}

/**
 * Checks an AES-GCM envelope `{v: 1, iv, ct}` (or a sealed one with `epk`) without decrypting:
 * exactly the expected fields, version 1, a 12-byte iv, a 65-byte epk, and a ciphertext that holds
 * at least the 16-byte tag and at most `maxBytes`. Returns the problem in words, or null.
 */
export function envelopeProblem(value: unknown, sealed: boolean, maxBytes: number): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an envelope object';
  }
  const record = value as Record<string, unknown>;
  const fields = sealed ? ['v', 'epk', 'iv', 'ct'] : ['v', 'iv', 'ct'];
  const keys = Object.keys(record);
  if (keys.length !== fields.length || !fields.every((field) => keys.includes(field))) {
    return `must have exactly the fields ${fields.join(', ')}`;
  }
  if (record['v'] !== 1) {
    return 'must have version 1';
  }
  if (!isBase64UrlOfLength(record['iv'], WireBytes.iv)) {
    return 'must have a 12-byte base64url iv';
  }
  if (sealed && !isBase64UrlOfLength(record['epk'], WireBytes.publicKey)) {
    return 'must have a 65-byte base64url epk';
  }
  const ctBytes = base64UrlBytes(record['ct']);
  if (ctBytes < WireBytes.tag) {
    return 'must have a base64url ct of at least 16 bytes';
  }
  if (ctBytes > maxBytes) {
    return `must have a ct of at most ${maxBytes} bytes`;
  }
  return null;
}
