import {
  createIdentity,
  deriveAccountKeys,
  deriveRecoveryKeys,
  fromBase64Url,
  generateRecoveryCode,
  newKdfParams,
  toBase64Url,
} from '@confidant/shared/crypto';
import { NewIdentityDto } from '@confidant/shared/api-interfaces/dto';

/** Iterations the tests use: the protocol unchanged, only cheaper. */
export const TEST_KDF_ITERATIONS = 1000;

/** What a real browser makes at registration, made with the real protocol library. */
export interface TestIdentity {
  password: string;
  recoveryCode: Uint8Array;
  recoveryCodeText: string;
  privateKey: CryptoKey;
  body: NewIdentityDto;
}

/** Keys for `password`, as the browser derives them after a prelogin. */
export async function authKeyFor(
  password: string,
  kdfSalt: string,
  kdfIterations = TEST_KDF_ITERATIONS,
): Promise<{ authKey: string; wrapKey: CryptoKey }> {
  const keys = await deriveAccountKeys(password, fromBase64Url(kdfSalt), kdfIterations, {
    minIterations: TEST_KDF_ITERATIONS,
  });
  return { authKey: toBase64Url(keys.authKey), wrapKey: keys.wrapKey };
}

/** A complete new identity (key pair, wrapped twice, recovery code) for `password`. */
export async function makeIdentity(
  password = 'a long and quiet evening',
  kdfIterations = TEST_KDF_ITERATIONS,
): Promise<TestIdentity> {
  const kdf = newKdfParams(kdfIterations);
  const kdfSalt = toBase64Url(kdf.kdfSalt);
  const { authKey, wrapKey } = await authKeyFor(password, kdfSalt, kdfIterations);
  const recovery = generateRecoveryCode();
  const { recoveryKey, recoveryVerifier } = await deriveRecoveryKeys(recovery.bytes);
  const identity = await createIdentity(wrapKey, recoveryKey);
  return {
    password,
    recoveryCode: recovery.bytes,
    recoveryCodeText: recovery.text,
    privateKey: identity.privateKey,
    body: {
      authKey,
      kdfSalt,
      kdfIterations,
      publicKey: toBase64Url(identity.publicKey),
      wrappedPrivateKey: identity.wrappedPrivateKey,
      recoveryWrappedPrivateKey: identity.recoveryWrappedPrivateKey,
      recoveryVerifier: toBase64Url(recoveryVerifier),
    },
  };
}
