import { deriveAccountKeys, deriveRecoveryKeys } from './account-keys';
import { encodeUtf8 } from './encoding';
import { makeAesEnvelope, parseAesEnvelope } from './envelope';
import {
  createIdentity,
  exportPublicKey,
  generateIdentityKeyPair,
  importPublicKey,
  rewrapPrivateKey,
  unwrapPrivateKey,
  wrapPrivateKey,
} from './identity';
import { aesGcmDecrypt, aesGcmEncrypt } from './primitives';
import { AAD_IDENTITY } from './protocol';
import { byteLength, errorCode, flipBit, flipChar } from '../testing/spec-helpers';

const subtle = globalThis.crypto.subtle;
const SALT = new Uint8Array(16).fill(9);
const FAST = { minIterations: 1000 };

/** Whether a private key belongs to a raw public key: both sides of an ECDH agree. */
async function belongsTo(privateKey: CryptoKey, publicKey: Uint8Array): Promise<boolean> {
  const peer = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
    'deriveBits',
  ]);
  const mine = await subtle.deriveBits({ name: 'ECDH', public: peer.publicKey }, privateKey, 256);
  const theirs = await subtle.deriveBits(
    { name: 'ECDH', public: await importPublicKey(publicKey) },
    peer.privateKey,
    256,
  );
  return Buffer.from(mine).equals(Buffer.from(theirs));
}

describe('identity keys', () => {
  let wrapKey: CryptoKey;
  let otherWrapKey: CryptoKey;
  let recoveryKey: CryptoKey;

  beforeAll(async () => {
    wrapKey = (await deriveAccountKeys('password one', SALT, 1000, FAST)).wrapKey;
    otherWrapKey = (await deriveAccountKeys('password two', SALT, 1000, FAST)).wrapKey;
    recoveryKey = (await deriveRecoveryKeys(new Uint8Array(20).fill(3))).recoveryKey;
  });

  describe('createIdentity', () => {
    it('gives a raw P-256 public key and a non-extractable private key for the session', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      expect(id.publicKey.length).toBe(65);
      expect(id.publicKey[0]).toBe(0x04);
      expect(id.privateKey.extractable).toBe(false);
      expect(id.privateKey.algorithm).toMatchObject({ name: 'ECDH', namedCurve: 'P-256' });
      expect(id.privateKey.usages).toEqual(['deriveBits']);
      expect(await belongsTo(id.privateKey, id.publicKey)).toBe(true);
    });

    it('wraps the private key under wrapKey and under the recovery key, both opening to it', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      const viaPassword = await unwrapPrivateKey(id.wrappedPrivateKey, wrapKey);
      const viaRecovery = await unwrapPrivateKey(id.recoveryWrappedPrivateKey, recoveryKey);
      for (const key of [viaPassword, viaRecovery]) {
        expect(key.extractable).toBe(false);
        expect(await belongsTo(key, id.publicKey)).toBe(true);
      }
      await expect(subtle.exportKey('pkcs8', viaPassword)).rejects.toThrow();
    });

    it('stores PKCS#8 under AES-GCM with additional data "confidant/v1/identity"', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      const { iv, ct } = parseAesEnvelope(id.wrappedPrivateKey);
      const pkcs8 = await aesGcmDecrypt(wrapKey, iv, ct, 'confidant/v1/identity');
      const imported = await subtle.importKey(
        'pkcs8',
        pkcs8,
        { name: 'ECDH', namedCurve: 'P-256' },
        false,
        ['deriveBits'],
      );
      expect(await belongsTo(imported, id.publicKey)).toBe(true);
    });

    it('makes a different key pair and fresh ivs every time', async () => {
      const a = await createIdentity(wrapKey, recoveryKey);
      const b = await createIdentity(wrapKey, recoveryKey);
      expect(a.publicKey).not.toEqual(b.publicKey);
      const ivs = new Set([
        a.wrappedPrivateKey.iv,
        a.recoveryWrappedPrivateKey.iv,
        b.wrappedPrivateKey.iv,
        b.recoveryWrappedPrivateKey.iv,
      ]);
      expect(ivs.size).toBe(4);
    });
  });

  describe('unwrapPrivateKey', () => {
    it('fails with auth under the wrong password or with the other copy', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      expect(await errorCode(() => unwrapPrivateKey(id.wrappedPrivateKey, otherWrapKey))).toBe(
        'auth',
      );
      expect(await errorCode(() => unwrapPrivateKey(id.recoveryWrappedPrivateKey, wrapKey))).toBe(
        'auth',
      );
    });

    it('fails with auth when any bit of any iv or ct byte is altered', async () => {
      const { wrappedPrivateKey: env } = await createIdentity(wrapKey, recoveryKey);
      const codes = new Set<string | undefined>();
      for (const field of ['iv', 'ct'] as const) {
        for (let i = 0; i < byteLength(env[field]); i++) {
          const bit = i % 8;
          const altered = { ...env, [field]: flipBit(env[field], i, bit) };
          codes.add(await errorCode(() => unwrapPrivateKey(altered, wrapKey)));
        }
      }
      expect([...codes]).toEqual(['auth']);
    });

    it('fails with auth when any byte of the additional data differs', async () => {
      const { wrappedPrivateKey } = await createIdentity(wrapKey, recoveryKey);
      const { iv, ct } = parseAesEnvelope(wrappedPrivateKey);
      const codes = new Set<string | undefined>();
      for (let i = 0; i < AAD_IDENTITY.length; i++) {
        codes.add(await errorCode(() => aesGcmDecrypt(wrapKey, iv, ct, flipChar(AAD_IDENTITY, i))));
      }
      codes.add(await errorCode(() => aesGcmDecrypt(wrapKey, iv, ct, '')));
      expect([...codes]).toEqual(['auth']);
    });

    it('reports malformed envelopes by code instead of crashing', async () => {
      const { wrappedPrivateKey: env } = await createIdentity(wrapKey, recoveryKey);
      expect(await errorCode(() => unwrapPrivateKey({ ...env, v: 2 }, wrapKey))).toBe('version');
      expect(await errorCode(() => unwrapPrivateKey('nonsense', wrapKey))).toBe('format');
      expect(await errorCode(() => unwrapPrivateKey({ ...env, iv: 'AAAA' }, wrapKey))).toBe(
        'length',
      );
    });

    it('reports an authentic payload that is not a P-256 key as key', async () => {
      const iv = new Uint8Array(12);
      const ct = await aesGcmEncrypt(wrapKey, iv, encodeUtf8('not a key'), AAD_IDENTITY);
      expect(await errorCode(() => unwrapPrivateKey(makeAesEnvelope(iv, ct), wrapKey))).toBe('key');
    });
  });

  describe('generateIdentityKeyPair, wrapPrivateKey and rewrapPrivateKey', () => {
    it('wraps a generated key so that it unwraps to the same key', async () => {
      const pair = await generateIdentityKeyPair();
      const env = await wrapPrivateKey(pair.privateKey, wrapKey);
      const key = await unwrapPrivateKey(env, wrapKey);
      expect(await belongsTo(key, await exportPublicKey(pair.publicKey))).toBe(true);
    });

    it('cannot wrap a non-extractable key', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      expect(await errorCode(() => wrapPrivateKey(id.privateKey, wrapKey))).toBe('key');
    });

    it('moves the key to a new password without changing it (password change)', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      const moved = await rewrapPrivateKey(id.wrappedPrivateKey, wrapKey, otherWrapKey);
      const key = await unwrapPrivateKey(moved, otherWrapKey);
      expect(await belongsTo(key, id.publicKey)).toBe(true);
      expect(await errorCode(() => unwrapPrivateKey(moved, wrapKey))).toBe('auth');
      expect(moved.iv).not.toBe(id.wrappedPrivateKey.iv);
    });

    it('moves the recovery copy to a new password (reset with the recovery code)', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      const moved = await rewrapPrivateKey(id.recoveryWrappedPrivateKey, recoveryKey, otherWrapKey);
      expect(await belongsTo(await unwrapPrivateKey(moved, otherWrapKey), id.publicKey)).toBe(true);
    });

    it('refuses to rewrap with the wrong old key', async () => {
      const id = await createIdentity(wrapKey, recoveryKey);
      expect(
        await errorCode(() => rewrapPrivateKey(id.wrappedPrivateKey, otherWrapKey, wrapKey)),
      ).toBe('auth');
    });
  });

  describe('public keys', () => {
    it('round-trips the raw 65-byte form', async () => {
      const pair = await generateIdentityKeyPair();
      const raw = await exportPublicKey(pair.publicKey);
      expect(await exportPublicKey(await importPublicKey(raw))).toEqual(raw);
    });

    it('refuses keys that are not uncompressed P-256 points', async () => {
      const raw = await exportPublicKey((await generateIdentityKeyPair()).publicKey);
      const compressedPrefix = raw.slice();
      compressedPrefix[0] = 0x02;
      const offCurve = raw.slice();
      offCurve[64] ^= 1;
      expect(await errorCode(() => importPublicKey(raw.slice(0, 64)))).toBe('length');
      expect(await errorCode(() => importPublicKey(new Uint8Array(33).fill(2)))).toBe('length');
      expect(await errorCode(() => importPublicKey(compressedPrefix))).toBe('key');
      expect(await errorCode(() => importPublicKey(offCurve))).toBe('key');
      expect(await errorCode(() => importPublicKey(new Uint8Array(65).fill(0).fill(4, 0, 1)))).toBe(
        'key',
      );
    });
  });
});
