/**
 * Internal building blocks on WebCrypto. Not exported from the package entry point.
 */
import { encodeUtf8 } from './encoding';
import { CryptoError } from './errors';

const EMPTY = new Uint8Array(0);

/**
 * The platform's WebCrypto. Throws CryptoError `unsupported` where it is missing (in a browser
 * outside a secure context), instead of failing later with an obscure TypeError.
 */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new CryptoError(
      'unsupported',
      'WebCrypto (crypto.subtle) is not available; a secure context (HTTPS) is required.',
    );
  }
  return s;
}

/** Fresh bytes from the platform CSPRNG. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Own copy of caller bytes on a plain ArrayBuffer: WebCrypto's types want one, and a copy cannot
 * be changed by the caller while an async operation is running.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** Best-effort erase of secret bytes we created (JavaScript gives no hard guarantee). */
export function wipe(...buffers: Uint8Array[]): void {
  for (const b of buffers) {
    b.fill(0);
  }
}

/** Imports input keying material for HKDF-SHA256 (never extractable). */
export async function importHkdfKey(ikm: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', copyBytes(ikm), 'HKDF', false, ['deriveBits', 'deriveKey']);
}

function hkdfParams(info: string, salt: Uint8Array | undefined): HkdfParams {
  return {
    name: 'HKDF',
    hash: 'SHA-256',
    salt: salt ? copyBytes(salt) : EMPTY,
    info: encodeUtf8(info),
  };
}

/** HKDF-SHA256 output bytes (empty salt unless one is given). */
export async function hkdfBytes(
  base: CryptoKey,
  info: string,
  length: number,
  salt?: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const bits = await subtle().deriveBits(hkdfParams(info, salt), base, length * 8);
  return new Uint8Array(bits);
}

/** HKDF-SHA256 → AES-256-GCM key (encrypt/decrypt), non-extractable. */
export async function hkdfAesKey(
  base: CryptoKey,
  info: string,
  salt?: Uint8Array,
): Promise<CryptoKey> {
  return subtle().deriveKey(hkdfParams(info, salt), base, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** Imports 32 raw bytes as an AES-256-GCM key. */
export async function importAesKey(raw: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  return subtle().importKey('raw', copyBytes(raw), { name: 'AES-GCM', length: 256 }, extractable, [
    'encrypt',
    'decrypt',
  ]);
}

/** AES-256-GCM with a 96-bit iv and a 128-bit tag appended to the output. */
export async function aesGcmEncrypt(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  additionalData: string,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const ct = await subtle().encrypt(
      {
        name: 'AES-GCM',
        iv: copyBytes(iv),
        additionalData: encodeUtf8(additionalData),
        tagLength: 128,
      },
      key,
      copyBytes(plaintext),
    );
    return new Uint8Array(ct);
  } catch (cause) {
    throw new CryptoError('key', 'This key cannot encrypt.', { cause });
  }
}

/**
 * AES-256-GCM decryption. Any failure (wrong key, altered iv, ct, tag or additional data) is
 * reported as CryptoError `auth`, and no partial plaintext is ever returned.
 */
export async function aesGcmDecrypt(
  key: CryptoKey,
  iv: Uint8Array,
  ct: Uint8Array,
  additionalData: string,
): Promise<Uint8Array<ArrayBuffer>> {
  let pt: ArrayBuffer;
  try {
    pt = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: copyBytes(iv),
        additionalData: encodeUtf8(additionalData),
        tagLength: 128,
      },
      key,
      copyBytes(ct),
    );
  } catch (cause) {
    if (isDomError(cause, 'OperationError')) {
      throw new CryptoError('auth', 'Authentication failed: wrong key or altered data.', { cause });
    }
    throw new CryptoError('key', 'This key cannot decrypt.', { cause });
  }
  return new Uint8Array(pt);
}

/** Whether a WebCrypto rejection is a DOMException-like error with the given name. */
export function isDomError(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}
