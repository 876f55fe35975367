import { AesEnvelopeDto } from '@confidant/shared/api-interfaces';
import type { KeyMaterial } from './session-store';

/** What the server receives for a new account: nothing that opens anything (DESIGN.md 4). */
export interface NewIdentityBody {
  authKey: string;
  kdfSalt: string;
  kdfIterations: number;
  publicKey: string;
  wrappedPrivateKey: AesEnvelopeDto;
  recoveryWrappedPrivateKey: AesEnvelopeDto;
  recoveryVerifier: string;
}

/** A new account's keys, made in the browser from her password and a new recovery code. */
export interface NewAccountIdentity {
  /** The request fields for `register`, `staff/register` and `setup`. */
  body: NewIdentityBody;
  /** The raw public key, for sealing the team key to her. */
  publicKey: Uint8Array;
  /** The keys the session keeps in memory once the server accepted the account. */
  keys: KeyMaterial;
  /** The recovery code as `XXXX-XXXX-…`, to show her once. */
  recoveryCode: string;
}

/**
 * Derives `authKey` and `wrapKey` from the password with a fresh salt, makes a recovery code and
 * an identity key pair wrapped under both. `kdfIterations` must already be at least the built-in
 * floor (`MIN_KDF_ITERATIONS`), which `minIterations` enforces again.
 *
 * The crypto library is loaded here, on demand, so pages that never make keys stay light.
 */
export async function createAccountIdentity(
  password: string,
  kdfIterations: number,
  minIterations: number,
): Promise<NewAccountIdentity> {
  const crypto = await import('@confidant/shared/crypto');
  const iterations = Math.max(kdfIterations, minIterations);
  const { kdfSalt } = crypto.newKdfParams(iterations);
  const { authKey, wrapKey } = await crypto.deriveAccountKeys(password, kdfSalt, iterations, {
    minIterations,
  });
  const code = crypto.generateRecoveryCode();
  const recovery = await crypto.deriveRecoveryKeys(code.bytes);
  code.bytes.fill(0);
  const identity = await crypto.createIdentity(wrapKey, recovery.recoveryKey);
  const body: NewIdentityBody = {
    authKey: crypto.toBase64Url(authKey),
    kdfSalt: crypto.toBase64Url(kdfSalt),
    kdfIterations: iterations,
    publicKey: crypto.toBase64Url(identity.publicKey),
    wrappedPrivateKey: identity.wrappedPrivateKey,
    recoveryWrappedPrivateKey: identity.recoveryWrappedPrivateKey,
    recoveryVerifier: crypto.toBase64Url(recovery.recoveryVerifier),
  };
  authKey.fill(0);
  return {
    body,
    publicKey: identity.publicKey,
    keys: { privateKey: identity.privateKey, wrapKey },
    recoveryCode: code.text,
  };
}
