import { encodeUtf8 } from './encoding';
import { CryptoError } from './errors';
import {
  hkdfAesKey,
  hkdfBytes,
  importHkdfKey,
  randomBytes,
  subtle,
  wipe,
  copyBytes,
} from './primitives';
import {
  AUTH_KEY_BYTES,
  DEFAULT_KDF_ITERATIONS,
  HKDF_INFO_AUTH,
  HKDF_INFO_RECOVERY,
  HKDF_INFO_RECOVERY_AUTH,
  HKDF_INFO_WRAP,
  KDF_SALT_BYTES,
  MAX_KDF_ITERATIONS,
  RECOVERY_CODE_BYTES,
  RECOVERY_VERIFIER_BYTES,
} from './protocol';

/** PBKDF2 parameters stored per account and returned by prelogin. */
export interface KdfParams {
  kdfSalt: Uint8Array;
  kdfIterations: number;
}

/** What a password turns into. */
export interface AccountKeys {
  /** 32 bytes sent instead of the password; the server stores only argon2id(authKey). */
  authKey: Uint8Array;
  /** AES-256-GCM key for the identity private key; non-extractable, never leaves the browser. */
  wrapKey: CryptoKey;
}

/** What a recovery code turns into. */
export interface RecoveryKeys {
  /** AES-256-GCM key for the second copy of the identity private key; non-extractable. */
  recoveryKey: CryptoKey;
  /** 32 bytes that prove knowledge of the code; the server stores only argon2id(verifier). */
  recoveryVerifier: Uint8Array;
}

/** Options of {@link deriveAccountKeys}. */
export interface DeriveAccountKeysOptions {
  /**
   * Lowest iteration count accepted (default {@link DEFAULT_KDF_ITERATIONS}). Lower it only in
   * tests or in a deployment that is configured for fewer iterations on purpose.
   */
  minIterations?: number;
}

/**
 * Fresh PBKDF2 parameters for a new account or a password change: a random 16-byte salt (so equal
 * passwords give unrelated keys and precomputed tables are useless) and the iteration count.
 */
export function newKdfParams(kdfIterations: number = DEFAULT_KDF_ITERATIONS): KdfParams {
  checkIterations(kdfIterations, 1);
  return { kdfSalt: randomBytes(KDF_SALT_BYTES), kdfIterations };
}

function checkIterations(iterations: number, min: number): void {
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < Math.max(1, min) ||
    iterations > MAX_KDF_ITERATIONS
  ) {
    throw new CryptoError(
      'kdf',
      `PBKDF2 iteration count must be an integer between ${Math.max(1, min)} and ${MAX_KDF_ITERATIONS}.`,
    );
  }
}

/**
 * Password → `authKey` and `wrapKey`: master = PBKDF2-SHA256(NFKC(password), salt, iterations,
 * 256 bit), then HKDF-SHA256 with the infos "confidant/v1/auth" and "confidant/v1/wrap".
 * Protects the password and the identity key against the server: the server only learns
 * `authKey`, from which neither the password nor `wrapKey` can be computed except by guessing
 * the password at PBKDF2 cost. Refuses iteration counts below `minIterations`, so that a hostile
 * prelogin answer cannot make that guessing cheap, and above a sane maximum, so it cannot freeze
 * the browser. NFKC makes the same password typed on different keyboards give the same keys.
 */
export async function deriveAccountKeys(
  password: string,
  kdfSalt: Uint8Array,
  kdfIterations: number,
  options: DeriveAccountKeysOptions = {},
): Promise<AccountKeys> {
  if (typeof password !== 'string') {
    throw new CryptoError('kdf', 'Password must be a string.');
  }
  if (kdfSalt?.length !== KDF_SALT_BYTES) {
    throw new CryptoError('kdf', `PBKDF2 salt must be ${KDF_SALT_BYTES} bytes.`);
  }
  checkIterations(kdfIterations, options.minIterations ?? DEFAULT_KDF_ITERATIONS);
  const s = subtle();
  const passwordBytes = encodeUtf8(password.normalize('NFKC'));
  const passwordKey = await s.importKey('raw', passwordBytes, 'PBKDF2', false, ['deriveBits']);
  wipe(passwordBytes);
  const master = new Uint8Array(
    await s.deriveBits(
      {
        name: 'PBKDF2',
        hash: 'SHA-256',
        salt: copyBytes(kdfSalt),
        iterations: kdfIterations,
      },
      passwordKey,
      256,
    ),
  );
  const base = await importHkdfKey(master);
  wipe(master);
  const [authKey, wrapKey] = await Promise.all([
    hkdfBytes(base, HKDF_INFO_AUTH, AUTH_KEY_BYTES),
    hkdfAesKey(base, HKDF_INFO_WRAP),
  ]);
  return { authKey, wrapKey };
}

/**
 * Recovery code bytes → recovery key and verifier, by HKDF-SHA256 with the infos
 * "confidant/v1/recovery" and "confidant/v1/recovery-auth". The two outputs are independent, so
 * the verifier the server keeps reveals nothing about the key that unwraps the identity copy it
 * stores; the 160-bit code is what makes both unguessable.
 */
export async function deriveRecoveryKeys(recoveryCode: Uint8Array): Promise<RecoveryKeys> {
  if (recoveryCode?.length !== RECOVERY_CODE_BYTES) {
    throw new CryptoError('length', `A recovery code has ${RECOVERY_CODE_BYTES} bytes.`);
  }
  const base = await importHkdfKey(recoveryCode);
  const [recoveryKey, recoveryVerifier] = await Promise.all([
    hkdfAesKey(base, HKDF_INFO_RECOVERY),
    hkdfBytes(base, HKDF_INFO_RECOVERY_AUTH, RECOVERY_VERIFIER_BYTES),
  ]);
  return { recoveryKey, recoveryVerifier };
}
