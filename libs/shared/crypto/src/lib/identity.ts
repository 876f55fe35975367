import { type AesEnvelope, makeAesEnvelope, parseAesEnvelope } from './envelope';
import { CryptoError } from './errors';
import { aesGcmDecrypt, aesGcmEncrypt, copyBytes, randomBytes, subtle, wipe } from './primitives';
import { AAD_IDENTITY, IV_BYTES, PUBLIC_KEY_BYTES } from './protocol';

const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A new identity for registration or for a reset by e-mail link. */
export interface NewIdentity {
  /** Raw uncompressed P-256 public key (65 bytes), stored in clear. */
  publicKey: Uint8Array;
  /** The private key under `wrapKey`. */
  wrappedPrivateKey: AesEnvelope;
  /** The private key under the recovery key. */
  recoveryWrappedPrivateKey: AesEnvelope;
  /** The private key for this session; non-extractable. */
  privateKey: CryptoKey;
}

/**
 * A new ECDH P-256 key pair. The private key is extractable only so that it can be wrapped:
 * wrap it with {@link wrapPrivateKey} and drop the pair, then work with the non-extractable key
 * from {@link unwrapPrivateKey}. {@link createIdentity} does all of that in one step.
 */
export async function generateIdentityKeyPair(): Promise<CryptoKeyPair> {
  return subtle().generateKey(P256, true, ['deriveBits']);
}

/** A public key as the raw 65-byte uncompressed point that travels and is stored in clear. */
export async function exportPublicKey(publicKey: CryptoKey): Promise<Uint8Array> {
  try {
    return new Uint8Array(await subtle().exportKey('raw', publicKey));
  } catch (cause) {
    throw new CryptoError('key', 'Not an exportable public key.', { cause });
  }
}

/**
 * Raw public key (from the server or the database) → CryptoKey. Refuses anything but a 65-byte
 * uncompressed point on P-256 (CryptoError `length` or `key`), which rules out invalid-curve
 * attacks and keys of another type.
 */
export async function importPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw?.length !== PUBLIC_KEY_BYTES) {
    throw new CryptoError('length', `A public key has ${PUBLIC_KEY_BYTES} bytes.`);
  }
  if (raw[0] !== 0x04) {
    throw new CryptoError('key', 'Public key is not an uncompressed point.');
  }
  try {
    return await subtle().importKey('raw', copyBytes(raw), P256, true, []);
  } catch (cause) {
    throw new CryptoError('key', 'Public key is not a P-256 point.', {
      cause,
    });
  }
}

/**
 * @internal PKCS#8 bytes → non-extractable ECDH private key. Throws CryptoError `key` for bytes
 * that are not a P-256 private key.
 */
export async function importPrivateKeyPkcs8(pkcs8: Uint8Array): Promise<CryptoKey> {
  try {
    return await subtle().importKey('pkcs8', copyBytes(pkcs8), P256, false, ['deriveBits']);
  } catch (cause) {
    throw new CryptoError('key', 'Not a P-256 private key.', { cause });
  }
}

/** @internal Extractable ECDH private key → PKCS#8 bytes (the caller wipes them). */
export async function exportPrivateKeyPkcs8(
  privateKey: CryptoKey,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await subtle().exportKey('pkcs8', privateKey));
  } catch (cause) {
    throw new CryptoError('key', 'Not an extractable private key.', {
      cause,
    });
  }
}

/**
 * @internal Encrypts PKCS#8 bytes under a wrapping key with the given iv. Test vectors only: the
 * public API always uses a fresh iv, because reusing one under the same key breaks AES-GCM.
 */
export async function wrapPrivateKeyBytes(
  pkcs8: Uint8Array,
  wrappingKey: CryptoKey,
  iv: Uint8Array,
): Promise<AesEnvelope> {
  const ct = await aesGcmEncrypt(wrappingKey, iv, pkcs8, AAD_IDENTITY);
  return makeAesEnvelope(iv, ct);
}

/** @internal Decrypts a wrapped private key to PKCS#8 bytes (the caller wipes them). */
export async function unwrapPrivateKeyBytes(
  envelope: unknown,
  wrappingKey: CryptoKey,
): Promise<Uint8Array<ArrayBuffer>> {
  const { iv, ct } = parseAesEnvelope(envelope);
  return aesGcmDecrypt(wrappingKey, iv, ct, AAD_IDENTITY);
}

/**
 * Encrypts an (extractable) identity private key as PKCS#8 under `wrapKey` or the recovery key,
 * with a fresh iv and the additional data "confidant/v1/identity". Protects the private key
 * against the server and its backups: they hold only this envelope.
 */
export async function wrapPrivateKey(
  privateKey: CryptoKey,
  wrappingKey: CryptoKey,
): Promise<AesEnvelope> {
  const pkcs8 = await exportPrivateKeyPkcs8(privateKey);
  try {
    return await wrapPrivateKeyBytes(pkcs8, wrappingKey, randomBytes(IV_BYTES));
  } finally {
    wipe(pkcs8);
  }
}

/**
 * Opens a wrapped private key (from the server) into a non-extractable CryptoKey, so that script
 * running later in the page can use the key but not copy it out. A wrong password, a wrong
 * recovery code or an altered envelope throws CryptoError `auth`; a malformed envelope throws
 * `version`, `format`, `base64` or `length`.
 */
export async function unwrapPrivateKey(
  envelope: unknown,
  wrappingKey: CryptoKey,
): Promise<CryptoKey> {
  const pkcs8 = await unwrapPrivateKeyBytes(envelope, wrappingKey);
  try {
    return await importPrivateKeyPkcs8(pkcs8);
  } finally {
    wipe(pkcs8);
  }
}

/**
 * Moves a wrapped private key from one wrapping key to another (password change, reset with the
 * recovery code, new recovery code) without the key ever existing as an extractable CryptoKey.
 * The old envelope must open (CryptoError `auth` otherwise), so a wrong old password cannot
 * produce a new envelope of garbage.
 */
export async function rewrapPrivateKey(
  envelope: unknown,
  fromKey: CryptoKey,
  toKey: CryptoKey,
): Promise<AesEnvelope> {
  const pkcs8 = await unwrapPrivateKeyBytes(envelope, fromKey);
  try {
    await importPrivateKeyPkcs8(pkcs8);
    return await wrapPrivateKeyBytes(pkcs8, toKey, randomBytes(IV_BYTES));
  } finally {
    wipe(pkcs8);
  }
}

/**
 * Makes a new identity for registration (or a reset by e-mail link): a fresh P-256 key pair whose
 * private key is wrapped under `wrapKey` and under the recovery key, and a non-extractable copy
 * for this session. The extractable key never leaves this function.
 */
export async function createIdentity(
  wrapKey: CryptoKey,
  recoveryKey: CryptoKey,
): Promise<NewIdentity> {
  const pair = await generateIdentityKeyPair();
  const pkcs8 = await exportPrivateKeyPkcs8(pair.privateKey);
  try {
    const [publicKey, wrappedPrivateKey, recoveryWrappedPrivateKey, privateKey] = await Promise.all(
      [
        exportPublicKey(pair.publicKey),
        wrapPrivateKeyBytes(pkcs8, wrapKey, randomBytes(IV_BYTES)),
        wrapPrivateKeyBytes(pkcs8, recoveryKey, randomBytes(IV_BYTES)),
        importPrivateKeyPkcs8(pkcs8),
      ],
    );
    return { publicKey, wrappedPrivateKey, recoveryWrappedPrivateKey, privateKey };
  } finally {
    wipe(pkcs8);
  }
}
