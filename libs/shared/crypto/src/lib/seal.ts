import { makeSealedEnvelope, parseSealedEnvelope, type SealedEnvelope } from './envelope';
import { CryptoError } from './errors';
import {
  exportPrivateKeyPkcs8,
  exportPublicKey,
  generateIdentityKeyPair,
  importPrivateKeyPkcs8,
  importPublicKey,
} from './identity';
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  hkdfAesKey,
  importAesKey,
  importHkdfKey,
  randomBytes,
  subtle,
  wipe,
} from './primitives';
import { CONVERSATION_KEY_BYTES, IV_BYTES, sealContext, type SealPurpose } from './protocol';

/** A new conversation key, sealed to each recipient. */
export interface NewConversationKey<R extends string> {
  /** The key for this session; non-extractable. */
  key: CryptoKey;
  /** One sealed envelope per recipient, under the same names as the input. */
  sealed: Record<R, SealedEnvelope>;
}

/** The centre's new team key, sealed to the lead who made it. */
export interface NewTeamKey {
  /** Raw uncompressed P-256 public key (65 bytes), published by the centre. */
  publicKey: Uint8Array;
  /** The team private key sealed to the lead ("key grant"). */
  grant: SealedEnvelope;
  /** The team private key for this session; non-extractable. */
  privateKey: CryptoKey;
}

async function deriveKek(
  sharedSecret: Uint8Array,
  epk: Uint8Array,
  purpose: SealPurpose,
): Promise<CryptoKey> {
  const base = await importHkdfKey(sharedSecret);
  return hkdfAesKey(base, sealContext(purpose), epk);
}

async function ecdh(privateKey: CryptoKey, publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(
      await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256),
    );
  } catch (cause) {
    throw new CryptoError('key', 'Not a P-256 ECDH private key.', { cause });
  }
}

/**
 * @internal ECDH-ES seal with a given ephemeral key pair and iv. Test vectors only: the public API
 * always passes a fresh pair and iv, because reusing them would link and weaken envelopes.
 */
export async function sealBytesWith(
  purpose: SealPurpose,
  payload: Uint8Array,
  recipientPublicKey: Uint8Array,
  ephemeral: CryptoKeyPair,
  iv: Uint8Array,
): Promise<SealedEnvelope> {
  const recipient = await importPublicKey(recipientPublicKey);
  const epk = await exportPublicKey(ephemeral.publicKey);
  const shared = await ecdh(ephemeral.privateKey, recipient);
  try {
    const kek = await deriveKek(shared, epk, purpose);
    const ct = await aesGcmEncrypt(kek, iv, payload, sealContext(purpose));
    return makeSealedEnvelope(epk, iv, ct);
  } finally {
    wipe(shared);
  }
}

/** @internal Seals bytes to a public key with a fresh ephemeral key pair and iv. */
export async function sealBytes(
  purpose: SealPurpose,
  payload: Uint8Array,
  recipientPublicKey: Uint8Array,
): Promise<SealedEnvelope> {
  const ephemeral = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
    'deriveBits',
  ]);
  return sealBytesWith(purpose, payload, recipientPublicKey, ephemeral, randomBytes(IV_BYTES));
}

/**
 * @internal Opens a sealed envelope to its payload bytes (the caller wipes them). Errors:
 * envelope shape (`version`, `format`, `base64`, `length`), an epk that is not on the curve
 * (`format`), a private key of the wrong kind (`key`), wrong recipient, wrong purpose or any
 * altered byte (`auth`).
 */
export async function openSealedBytes(
  purpose: SealPurpose,
  envelope: unknown,
  privateKey: CryptoKey,
): Promise<Uint8Array<ArrayBuffer>> {
  const { epk, iv, ct } = parseSealedEnvelope(envelope);
  let ephemeralPublic: CryptoKey;
  try {
    ephemeralPublic = await importPublicKey(epk);
  } catch (cause) {
    throw new CryptoError('format', 'Envelope epk is not a P-256 point.', {
      cause,
    });
  }
  const shared = await ecdh(privateKey, ephemeralPublic);
  try {
    const kek = await deriveKek(shared, epk, purpose);
    return await aesGcmDecrypt(kek, iv, ct, sealContext(purpose));
  } finally {
    wipe(shared);
  }
}

/**
 * Makes the centre's team key pair (first lead, at setup) and seals its private key (PKCS#8) to
 * the lead's public key. The server stores only the public key and the sealed grant, so it can
 * never read a conversation key sealed to the team.
 */
export async function createTeamKey(leadPublicKey: Uint8Array): Promise<NewTeamKey> {
  const pair = await generateIdentityKeyPair();
  const pkcs8 = await exportPrivateKeyPkcs8(pair.privateKey);
  try {
    const [publicKey, grant, privateKey] = await Promise.all([
      exportPublicKey(pair.publicKey),
      sealBytes('team-key', pkcs8, leadPublicKey),
      importPrivateKeyPkcs8(pkcs8),
    ]);
    return { publicKey, grant, privateKey };
  } finally {
    wipe(pkcs8);
  }
}

/**
 * Opens a team key grant with the staff member's own private key into a non-extractable team
 * private key. A grant meant for someone else, or one presented as a conversation key, fails
 * with CryptoError `auth`.
 */
export async function openTeamKey(grant: unknown, privateKey: CryptoKey): Promise<CryptoKey> {
  const pkcs8 = await openSealedBytes('team-key', grant, privateKey);
  try {
    return await importPrivateKeyPkcs8(pkcs8);
  } finally {
    wipe(pkcs8);
  }
}

/**
 * A lead grants the team key to a counsellor: opens her own grant and seals the team private key
 * to the counsellor's public key, without the key existing as an extractable CryptoKey. The
 * server only relays sealed envelopes; it cannot grant the key itself.
 */
export async function grantTeamKey(
  ownGrant: unknown,
  privateKey: CryptoKey,
  recipientPublicKey: Uint8Array,
): Promise<SealedEnvelope> {
  const pkcs8 = await openSealedBytes('team-key', ownGrant, privateKey);
  try {
    await importPrivateKeyPkcs8(pkcs8);
    return await sealBytes('team-key', pkcs8, recipientPublicKey);
  } finally {
    wipe(pkcs8);
  }
}

/**
 * Makes a random AES-256-GCM conversation key and seals it to each recipient's public key
 * (the client herself and the team). The raw key exists only inside this function; the caller
 * gets a non-extractable key and envelopes the server cannot open.
 */
export async function createConversationKey<R extends string>(
  recipients: Record<R, Uint8Array>,
): Promise<NewConversationKey<R>> {
  const names = Object.keys(recipients) as R[];
  if (names.length === 0) {
    throw new CryptoError('key', 'A conversation key needs at least one recipient.');
  }
  const raw = randomBytes(CONVERSATION_KEY_BYTES);
  try {
    const envelopes = await Promise.all(
      names.map((name) => sealBytes('conversation-key', raw, recipients[name])),
    );
    const sealed = {} as Record<R, SealedEnvelope>;
    names.forEach((name, i) => {
      sealed[name] = envelopes[i];
    });
    const key = await importAesKey(raw, false);
    return { key, sealed };
  } finally {
    wipe(raw);
  }
}

async function openConversationKeyBytes(
  envelope: unknown,
  privateKey: CryptoKey,
): Promise<Uint8Array<ArrayBuffer>> {
  const raw = await openSealedBytes('conversation-key', envelope, privateKey);
  if (raw.length !== CONVERSATION_KEY_BYTES) {
    wipe(raw);
    throw new CryptoError('key', `A conversation key has ${CONVERSATION_KEY_BYTES} bytes.`);
  }
  return raw;
}

/**
 * Opens a sealed conversation key with the client's private key or the team private key into a
 * non-extractable AES-GCM key. Wrong recipient, wrong purpose or any altered byte: CryptoError
 * `auth`.
 */
export async function openConversationKey(
  envelope: unknown,
  privateKey: CryptoKey,
): Promise<CryptoKey> {
  const raw = await openConversationKeyBytes(envelope, privateKey);
  try {
    return await importAesKey(raw, false);
  } catch (cause) {
    throw new CryptoError('key', 'Not an AES-256 key.', { cause });
  } finally {
    wipe(raw);
  }
}

/**
 * Re-shares a conversation key with a new public key (a counsellor, after checking it is really
 * the client whose key changed): opens it with the caller's key and seals it to the new key,
 * never exposing it as an extractable CryptoKey.
 */
export async function resealConversationKey(
  envelope: unknown,
  privateKey: CryptoKey,
  recipientPublicKey: Uint8Array,
): Promise<SealedEnvelope> {
  const raw = await openConversationKeyBytes(envelope, privateKey);
  try {
    return await sealBytes('conversation-key', raw, recipientPublicKey);
  } finally {
    wipe(raw);
  }
}
