import { deriveAccountKeys, deriveRecoveryKeys, newKdfParams } from './account-keys';
import { CryptoError } from './errors';
import { aesGcmDecrypt, aesGcmEncrypt, importAesKey } from './primitives';

const subtle = globalThis.crypto.subtle;
const utf8 = (s: string) => new TextEncoder().encode(s);
const SALT = new Uint8Array(16).map((_, i) => i + 1);
const FAST = { minIterations: 1000 };

async function codeOf(action: Promise<unknown>): Promise<string | undefined> {
  try {
    await action;
  } catch (error) {
    return error instanceof CryptoError ? error.code : String(error);
  }
  return undefined;
}

/** The construction of DESIGN.md section 4, written out with raw WebCrypto calls. */
async function referenceAuthKey(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const pw = await subtle.importKey('raw', utf8(password.normalize('NFKC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const master = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    pw,
    256,
  );
  const hkdf = await subtle.importKey('raw', master, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(
    await subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8('confidant/v1/auth') },
      hkdf,
      256,
    ),
  );
}

describe('deriveAccountKeys', () => {
  it('gives a 32-byte authKey exactly as the design specifies', async () => {
    const { authKey } = await deriveAccountKeys('correct horse', SALT, 1000, FAST);
    expect(authKey.length).toBe(32);
    expect(authKey).toEqual(await referenceAuthKey('correct horse', SALT, 1000));
  });

  it('gives the wrapKey the design specifies: HKDF(master, "confidant/v1/wrap")', async () => {
    const pw = await subtle.importKey('raw', utf8('correct horse'), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const master = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: SALT, iterations: 1000 },
      pw,
      256,
    );
    const hkdf = await subtle.importKey('raw', master, 'HKDF', false, ['deriveKey']);
    const reference = await subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8('confidant/v1/wrap') },
      hkdf,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt'],
    );
    const { wrapKey } = await deriveAccountKeys('correct horse', SALT, 1000, FAST);
    const iv = new Uint8Array(12);
    const ct = await aesGcmEncrypt(reference, iv, utf8('secret'), 'aad');
    expect(await aesGcmDecrypt(wrapKey, iv, ct, 'aad')).toEqual(utf8('secret'));
  });

  it('gives a non-extractable AES-256-GCM wrapKey', async () => {
    const { wrapKey } = await deriveAccountKeys('correct horse', SALT, 1000, FAST);
    expect(wrapKey.extractable).toBe(false);
    expect(wrapKey.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...wrapKey.usages].sort()).toEqual(['decrypt', 'encrypt']);
    await expect(subtle.exportKey('raw', wrapKey)).rejects.toThrow();
  });

  it('is deterministic: the same password gives a wrapKey that opens what the last one sealed', async () => {
    const a = await deriveAccountKeys('correct horse', SALT, 1000, FAST);
    const b = await deriveAccountKeys('correct horse', SALT, 1000, FAST);
    expect(b.authKey).toEqual(a.authKey);
    const iv = new Uint8Array(12);
    const ct = await aesGcmEncrypt(a.wrapKey, iv, utf8('secret'), 'aad');
    expect(await aesGcmDecrypt(b.wrapKey, iv, ct, 'aad')).toEqual(utf8('secret'));
  });

  it('keeps authKey and wrapKey independent (the server cannot use authKey as wrapKey)', async () => {
    const { authKey, wrapKey } = await deriveAccountKeys('correct horse', SALT, 1000, FAST);
    const asAes = await importAesKey(authKey, false);
    const iv = new Uint8Array(12);
    const ct = await aesGcmEncrypt(wrapKey, iv, utf8('secret'), 'aad');
    expect(await codeOf(aesGcmDecrypt(asAes, iv, ct, 'aad'))).toBe('auth');
  });

  it('normalises the password with NFKC', async () => {
    const pairs = [
      ['Ｐａｓｓｗｏｒｔ', 'Passwort'],
      ['Cafe\u0301', 'Caf\u00e9'],
      ['ﬁnster', 'finster'],
    ];
    for (const [typed, nfkc] of pairs) {
      const a = await deriveAccountKeys(typed, SALT, 1000, FAST);
      const b = await deriveAccountKeys(nfkc, SALT, 1000, FAST);
      expect(a.authKey).toEqual(b.authKey);
    }
  });

  it('gives unrelated keys for another password, salt or iteration count', async () => {
    const base = (await deriveAccountKeys('correct horse', SALT, 1000, FAST)).authKey;
    const others = await Promise.all([
      deriveAccountKeys('correct horsE', SALT, 1000, FAST),
      deriveAccountKeys(
        'correct horse',
        SALT.map((b) => b ^ 1),
        1000,
        FAST,
      ),
      deriveAccountKeys('correct horse', SALT, 1001, FAST),
    ]);
    for (const other of others) {
      expect(other.authKey).not.toEqual(base);
    }
  });

  it('refuses fewer than 600 000 iterations unless explicitly allowed', async () => {
    expect(await codeOf(deriveAccountKeys('pw', SALT, 1000))).toBe('kdf');
    expect(await codeOf(deriveAccountKeys('pw', SALT, 599_999))).toBe('kdf');
    expect(await codeOf(deriveAccountKeys('pw', SALT, 999, FAST))).toBe('kdf');
  });

  it('accepts the production count of 600 000 by default', async () => {
    const { authKey } = await deriveAccountKeys('pw', SALT, 600_000);
    expect(authKey.length).toBe(32);
  });

  it('refuses unusable parameters a hostile server might send', async () => {
    for (const iterations of [0, -1, 1000.5, Number.NaN, 10_000_001, Infinity]) {
      expect(await codeOf(deriveAccountKeys('pw', SALT, iterations, { minIterations: 0 }))).toBe(
        'kdf',
      );
    }
    for (const salt of [new Uint8Array(0), new Uint8Array(15), new Uint8Array(32)]) {
      expect(await codeOf(deriveAccountKeys('pw', salt, 1000, FAST))).toBe('kdf');
    }
  });
});

describe('newKdfParams', () => {
  it('makes a fresh 16-byte salt and the production iteration count', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(a.kdfSalt.length).toBe(16);
    expect(a.kdfIterations).toBe(600_000);
    expect(a.kdfSalt).not.toEqual(b.kdfSalt);
    expect(newKdfParams(1000).kdfIterations).toBe(1000);
  });
});

describe('deriveRecoveryKeys', () => {
  const CODE = new Uint8Array(20).map((_, i) => 200 - i);

  it('gives the 32-byte verifier the design specifies, and a non-extractable key', async () => {
    const { recoveryKey, recoveryVerifier } = await deriveRecoveryKeys(CODE);
    const hkdf = await subtle.importKey('raw', CODE, 'HKDF', false, ['deriveBits']);
    const expected = new Uint8Array(
      await subtle.deriveBits(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: utf8('confidant/v1/recovery-auth'),
        },
        hkdf,
        256,
      ),
    );
    expect(recoveryVerifier).toEqual(expected);
    expect(recoveryKey.extractable).toBe(false);
    expect(recoveryKey.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
  });

  it('gives another verifier for another code', async () => {
    const a = await deriveRecoveryKeys(CODE);
    const b = await deriveRecoveryKeys(CODE.map((x, i) => (i === 19 ? x ^ 1 : x)));
    expect(b.recoveryVerifier).not.toEqual(a.recoveryVerifier);
  });

  it('keeps the verifier the server stores independent of the recovery key', async () => {
    const { recoveryKey, recoveryVerifier } = await deriveRecoveryKeys(CODE);
    const iv = new Uint8Array(12);
    const ct = await aesGcmEncrypt(recoveryKey, iv, utf8('key'), 'aad');
    const fromVerifier = await importAesKey(recoveryVerifier, false);
    expect(await codeOf(aesGcmDecrypt(fromVerifier, iv, ct, 'aad'))).toBe('auth');
  });

  it('refuses anything but 20 bytes', async () => {
    expect(await codeOf(deriveRecoveryKeys(new Uint8Array(19)))).toBe('length');
    expect(await codeOf(deriveRecoveryKeys(new Uint8Array(32)))).toBe('length');
  });
});
