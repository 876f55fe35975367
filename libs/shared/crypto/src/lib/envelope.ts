import { fromBase64Url, toBase64Url } from './encoding';
import { CryptoError } from './errors';
import { IV_BYTES, PROTOCOL_VERSION, PUBLIC_KEY_BYTES, TAG_BYTES } from './protocol';

/** AES-256-GCM envelope as it travels: base64url fields without padding; `ct` ends with the tag. */
export interface AesEnvelope {
  v: 1;
  iv: string;
  ct: string;
}

/** ECDH-ES sealed envelope: the ephemeral public key `epk` plus an AES-256-GCM payload. */
export interface SealedEnvelope {
  v: 1;
  epk: string;
  iv: string;
  ct: string;
}

/** A checked {@link AesEnvelope} with its binary fields decoded. */
export interface ParsedAesEnvelope {
  iv: Uint8Array<ArrayBuffer>;
  ct: Uint8Array<ArrayBuffer>;
}

/** A checked {@link SealedEnvelope} with its binary fields decoded. */
export interface ParsedSealedEnvelope extends ParsedAesEnvelope {
  epk: Uint8Array<ArrayBuffer>;
}

const AES_FIELDS = ['v', 'iv', 'ct'] as const;
const SEALED_FIELDS = ['v', 'epk', 'iv', 'ct'] as const;

function checkShape(input: unknown, fields: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new CryptoError('format', 'Envelope is not an object.');
  }
  const record = input as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(record, 'v')) {
    throw new CryptoError('format', 'Envelope has no version.');
  }
  const v = record['v'];
  if (typeof v !== 'number') {
    throw new CryptoError('format', 'Envelope version is not a number.');
  }
  if (v !== PROTOCOL_VERSION) {
    throw new CryptoError('version', 'Unsupported envelope version.');
  }
  const keys = Object.keys(record);
  for (const key of keys) {
    if (!fields.includes(key)) {
      throw new CryptoError('format', 'Envelope has an unknown field.');
    }
  }
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(record, field)) {
      throw new CryptoError('format', `Envelope has no "${field}".`);
    }
    if (field !== 'v' && typeof record[field] !== 'string') {
      throw new CryptoError('format', `Envelope "${field}" is not a string.`);
    }
  }
  return record;
}

function decodeIvCt(record: Record<string, unknown>): ParsedAesEnvelope {
  const iv = fromBase64Url(record['iv'] as string);
  const ct = fromBase64Url(record['ct'] as string);
  if (iv.length !== IV_BYTES) {
    throw new CryptoError('length', `Envelope iv is not ${IV_BYTES} bytes.`);
  }
  if (ct.length < TAG_BYTES) {
    throw new CryptoError('length', 'Envelope ct is shorter than the tag.');
  }
  return { iv, ct };
}

/**
 * Checks untrusted input (from the server or the database) against the v1 AES envelope shape and
 * decodes it: exactly `{v: 1, iv, ct}`, canonical base64url, a 12-byte iv and at least a 16-byte
 * tag. Protects callers from crashes, version confusion and ambiguous encodings; anything else
 * throws {@link CryptoError} (`version`, `format`, `base64` or `length`).
 */
export function parseAesEnvelope(input: unknown): ParsedAesEnvelope {
  return decodeIvCt(checkShape(input, AES_FIELDS));
}

/**
 * Same as {@link parseAesEnvelope} for `{v: 1, epk, iv, ct}`, and `epk` must be 65 bytes starting
 * with 0x04 (a raw uncompressed P-256 point; whether it is on the curve is checked when opening).
 */
export function parseSealedEnvelope(input: unknown): ParsedSealedEnvelope {
  const record = checkShape(input, SEALED_FIELDS);
  const epk = fromBase64Url(record['epk'] as string);
  const { iv, ct } = decodeIvCt(record);
  if (epk.length !== PUBLIC_KEY_BYTES) {
    throw new CryptoError('length', `Envelope epk is not ${PUBLIC_KEY_BYTES} bytes.`);
  }
  if (epk[0] !== 0x04) {
    throw new CryptoError('format', 'Envelope epk is not an uncompressed point.');
  }
  return { epk, iv, ct };
}

/**
 * Whether untrusted input is a well-formed v1 AES envelope (for request validation on the
 * server, which cannot decrypt). Never throws.
 */
export function isAesEnvelope(input: unknown): input is AesEnvelope {
  try {
    parseAesEnvelope(input);
    return true;
  } catch {
    return false;
  }
}

/** Whether untrusted input is a well-formed v1 sealed envelope. Never throws. */
export function isSealedEnvelope(input: unknown): input is SealedEnvelope {
  try {
    parseSealedEnvelope(input);
    return true;
  } catch {
    return false;
  }
}

/** @internal Builds the wire form of an AES envelope. */
export function makeAesEnvelope(iv: Uint8Array, ct: Uint8Array): AesEnvelope {
  return { v: PROTOCOL_VERSION, iv: toBase64Url(iv), ct: toBase64Url(ct) };
}

/** @internal Builds the wire form of a sealed envelope. */
export function makeSealedEnvelope(
  epk: Uint8Array,
  iv: Uint8Array,
  ct: Uint8Array,
): SealedEnvelope {
  return {
    v: PROTOCOL_VERSION,
    epk: toBase64Url(epk),
    iv: toBase64Url(iv),
    ct: toBase64Url(ct),
  };
}
