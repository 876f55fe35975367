import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AccountResponse,
  maskEmail,
  PreloginResponse,
  RecoveryStartResponse,
  SessionResponse,
} from '@confidant/shared/api-interfaces';
import {
  createIdentity,
  deriveAccountKeys,
  deriveRecoveryKeys,
  generateRecoveryCode,
  newKdfParams,
  parseRecoveryCode,
  rewrapPrivateKey,
  toBase64Url,
} from '@confidant/shared/crypto';
import {
  AuthApi,
  createAccountIdentity,
  MIN_KDF_ITERATIONS,
  SessionStore,
} from '@confidant/web/core';
import { firstValueFrom } from 'rxjs';

export interface Registration {
  username: string;
  password: string;
  email?: string;
}

/**
 * The client's account operations that need key material: everything is made or re-wrapped in
 * the browser, and the server receives only `authKey`, salts, public keys and wrapped keys.
 * Methods that hand out a recovery code return its text for the one-time display.
 */
@Injectable({ providedIn: 'root' })
export class ClientAccount {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly minIterations = inject(MIN_KDF_ITERATIONS);

  /**
   * Makes a new account: password keys, recovery code and identity, all in the browser. The
   * iteration count is what the server asks of new accounts, but never below the built-in floor.
   * She is logged in afterwards; returns the recovery code to show.
   */
  async register({ username, password, email }: Registration): Promise<string> {
    const offered = await firstValueFrom(
      this.http.post<PreloginResponse>(AuthApi.prelogin, { username }),
    );
    const made = await createAccountIdentity(password, offered.kdfIterations, this.minIterations);
    const response = await firstValueFrom(
      this.http.post<SessionResponse>(
        AuthApi.register,
        { username, ...made.body, ...(email ? { email } : {}) },
        { observe: 'response' },
      ),
    );
    this.session.establish(response, made.keys);
    return made.recoveryCode;
  }

  /** Fresh account data (e-mail yes/no, deletion date). */
  async refreshAccount(): Promise<void> {
    const account = await firstValueFrom(this.http.get<AccountResponse>(AuthApi.me));
    this.session.updateAccount(account);
  }

  /** Re-wraps the private key under the new password; her other sessions end. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const proof = await this.session.verifyPassword(currentPassword);
    const { kdfSalt, kdfIterations } = newKdfParams(
      Math.max(proof.kdfIterations, this.minIterations),
    );
    const next = await this.deriveNew(newPassword, kdfSalt, kdfIterations);
    const newWrappedPrivateKey = await rewrapPrivateKey(
      this.session.wrappedPrivateKey,
      proof.wrapKey,
      next.wrapKey,
    );
    await firstValueFrom(
      this.http.post<void>(AuthApi.password, {
        authKey: toBase64Url(proof.authKey),
        newAuthKey: toBase64Url(next.authKey),
        newKdfSalt: toBase64Url(kdfSalt),
        newKdfIterations: kdfIterations,
        newWrappedPrivateKey,
      }),
    );
    proof.authKey.fill(0);
    next.authKey.fill(0);
    this.session.replaceWrapping(next.wrapKey, newWrappedPrivateKey);
  }

  async setEmail(password: string, email: string): Promise<void> {
    const authKey = await this.authKey(password);
    await firstValueFrom(this.http.put<void>(AuthApi.email, { authKey, email }));
    this.session.updateAccount({ hasEmail: true, maskedEmail: maskEmail(email) });
  }

  async removeEmail(password: string): Promise<void> {
    const authKey = await this.authKey(password);
    await firstValueFrom(this.http.delete<void>(AuthApi.email, { body: { authKey } }));
    this.session.updateAccount({ hasEmail: false, maskedEmail: null });
  }

  /** A new recovery code replaces the old one; returns it for the one-time display. */
  async renewRecoveryCode(password: string): Promise<string> {
    const proof = await this.session.verifyPassword(password);
    const recovery = await this.newRecovery();
    const recoveryWrappedPrivateKey = await rewrapPrivateKey(
      this.session.wrappedPrivateKey,
      proof.wrapKey,
      recovery.recoveryKey,
    );
    await firstValueFrom(
      this.http.post<void>(AuthApi.recovery, {
        authKey: toBase64Url(proof.authKey),
        recoveryWrappedPrivateKey,
        recoveryVerifier: toBase64Url(recovery.recoveryVerifier),
      }),
    );
    proof.authKey.fill(0);
    // The server forgot that she kept the old one; she confirms the new one in the step.
    this.session.updateAccount({ recoveryConfirmed: false });
    return recovery.text;
  }

  /** Erases the account on the server; the session ends with it. */
  async deleteAccount(password: string): Promise<void> {
    const authKey = await this.authKey(password);
    await firstValueFrom(this.http.delete<void>(AuthApi.me, { body: { authKey } }));
    this.session.forget('deleted');
  }

  /**
   * Reset with the recovery code: proves the code, opens the private key with it and wraps it
   * under the new password and a new recovery code. Her messages stay readable. Throws a
   * `RecoveryCodeError` (with the position of a typo) before anything is sent.
   */
  async recover(username: string, code: string, newPassword: string): Promise<string> {
    const bytes = parseRecoveryCode(code);
    const old = await deriveRecoveryKeys(bytes);
    bytes.fill(0);
    const started = await firstValueFrom(
      this.http.post<RecoveryStartResponse>(AuthApi.recoveryStart, {
        username,
        recoveryVerifier: toBase64Url(old.recoveryVerifier),
      }),
    );
    const offered = await firstValueFrom(
      this.http.post<PreloginResponse>(AuthApi.prelogin, { username }),
    );
    const { kdfSalt, kdfIterations } = newKdfParams(
      Math.max(offered.kdfIterations, this.minIterations),
    );
    const { authKey, wrapKey } = await this.deriveNew(newPassword, kdfSalt, kdfIterations);
    const recovery = await this.newRecovery();
    const [wrappedPrivateKey, recoveryWrappedPrivateKey] = await Promise.all([
      rewrapPrivateKey(started.recoveryWrappedPrivateKey, old.recoveryKey, wrapKey),
      rewrapPrivateKey(started.recoveryWrappedPrivateKey, old.recoveryKey, recovery.recoveryKey),
    ]);
    await firstValueFrom(
      this.http.post<void>(AuthApi.recoveryComplete, {
        recoveryToken: started.recoveryToken,
        authKey: toBase64Url(authKey),
        kdfSalt: toBase64Url(kdfSalt),
        kdfIterations,
        wrappedPrivateKey,
        recoveryWrappedPrivateKey,
        recoveryVerifier: toBase64Url(recovery.recoveryVerifier),
      }),
    );
    authKey.fill(0);
    return recovery.text;
  }

  /** Asks for a reset link; the answer is the same whether or not a mail goes out. */
  async requestResetLink(username: string): Promise<void> {
    await firstValueFrom(this.http.post<void>(AuthApi.resetRequest, { username }));
  }

  /**
   * Reset by the mailed link: a new identity, because the old private key cannot be opened
   * without the old password or the recovery code. Returns the new recovery code.
   */
  async resetWithLink(token: string, newPassword: string): Promise<string> {
    const { kdfSalt, kdfIterations } = newKdfParams(this.minIterations);
    const { authKey, wrapKey } = await this.deriveNew(newPassword, kdfSalt, kdfIterations);
    const recovery = await this.newRecovery();
    const identity = await createIdentity(wrapKey, recovery.recoveryKey);
    await firstValueFrom(
      this.http.post<void>(AuthApi.resetConfirm, {
        token,
        authKey: toBase64Url(authKey),
        kdfSalt: toBase64Url(kdfSalt),
        kdfIterations,
        publicKey: toBase64Url(identity.publicKey),
        wrappedPrivateKey: identity.wrappedPrivateKey,
        recoveryWrappedPrivateKey: identity.recoveryWrappedPrivateKey,
        recoveryVerifier: toBase64Url(recovery.recoveryVerifier),
      }),
    );
    authKey.fill(0);
    return recovery.text;
  }

  private async authKey(password: string): Promise<string> {
    const proof = await this.session.verifyPassword(password);
    const encoded = toBase64Url(proof.authKey);
    proof.authKey.fill(0);
    return encoded;
  }

  private deriveNew(password: string, kdfSalt: Uint8Array, kdfIterations: number) {
    return deriveAccountKeys(password, kdfSalt, kdfIterations, {
      minIterations: this.minIterations,
    });
  }

  private async newRecovery() {
    const code = generateRecoveryCode();
    const keys = await deriveRecoveryKeys(code.bytes);
    code.bytes.fill(0);
    return { text: code.text, ...keys };
  }
}
