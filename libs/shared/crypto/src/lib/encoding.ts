import { CryptoError } from './errors';

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function lookupTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) {
    table[alphabet.charCodeAt(i)] = i;
  }
  return table;
}

const BASE64URL_VALUES = lookupTable(BASE64URL_ALPHABET);
const CROCKFORD_VALUES = lookupTable(CROCKFORD_ALPHABET);

/**
 * Bytes → unpadded base64url (RFC 4648 §5), the encoding of every binary field on the wire.
 * Protects against nothing by itself; it only has to be exact.
 */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out +=
      BASE64URL_ALPHABET[n >>> 18] +
      BASE64URL_ALPHABET[(n >>> 12) & 63] +
      BASE64URL_ALPHABET[(n >>> 6) & 63] +
      BASE64URL_ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += BASE64URL_ALPHABET[n >>> 18] + BASE64URL_ALPHABET[(n >>> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out +=
      BASE64URL_ALPHABET[n >>> 18] +
      BASE64URL_ALPHABET[(n >>> 12) & 63] +
      BASE64URL_ALPHABET[(n >>> 6) & 63];
  }
  return out;
}

/**
 * Unpadded base64url → bytes, strictly: only the 64 URL-safe characters, no padding, no
 * whitespace, no standard-base64 `+` or `/`, and unused trailing bits must be zero. Each byte
 * string therefore has exactly one accepted encoding, so lenient decoders cannot be played
 * against each other. Throws {@link CryptoError} `base64`.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') {
    throw new CryptoError('format', 'Expected a base64url string.');
  }
  if (text.length % 4 === 1) {
    throw new CryptoError('base64', 'Invalid base64url length.');
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? BASE64URL_VALUES[code] : -1;
    if (value < 0) {
      throw new CryptoError('base64', 'Invalid base64url character.');
    }
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >>> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) {
    throw new CryptoError('base64', 'Non-canonical base64url encoding.');
  }
  return out;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** String → UTF-8 bytes; the one text encoding of the protocol. */
export function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/**
 * UTF-8 bytes → string, refusing invalid UTF-8 (CryptoError `format`) instead of silently
 * replacing bytes, so two clients never disagree on what a decrypted text says.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch (cause) {
    throw new CryptoError('format', 'Invalid UTF-8.', { cause });
  }
}

/**
 * Bytes → Crockford base32 (upper case, no padding, most significant bits first), as used for
 * the human-readable recovery code.
 */
export function toCrockfordBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) {
    out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  }
  return out;
}

/**
 * Canonical Crockford base32 (upper case, no separators, no look-alikes) → bytes. Strict: any
 * other character or non-zero trailing bits throw {@link CryptoError} `format`. Human input is
 * normalised first by `parseRecoveryCode`, which reports typos by position.
 */
export function fromCrockfordBase32(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? CROCKFORD_VALUES[code] : -1;
    if (value < 0) {
      throw new CryptoError('format', 'Invalid Crockford base32 character.');
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >>> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) {
    throw new CryptoError('format', 'Non-canonical Crockford base32 encoding.');
  }
  return out;
}
