import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  deriveAccountKeys,
  deriveRecoveryKeys,
  fromBase64Url,
  parseRecoveryCode,
  RecoveryCodeError,
  toBase64Url,
  unwrapPrivateKey,
} from '@confidant/shared/crypto';
import { AuthApi, MIN_KDF_ITERATIONS, SessionStore } from '@confidant/web/core';
import { webcrypto } from 'node:crypto';
import { ClientAccount } from './client-account';

async function nextRequest(http: HttpTestingController, url: string) {
  for (let i = 0; i < 400; i++) {
    const found = http.match(url);
    if (found.length > 0) {
      return found[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`No request to ${url}`);
}

describe('ClientAccount', () => {
  let http: HttpTestingController;
  let account: ClientAccount;

  beforeAll(() => {
    if (!globalThis.crypto?.subtle) {
      Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
    }
  });

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MIN_KDF_ITERATIONS, useValue: 1000 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    account = TestBed.inject(ClientAccount);
  });

  it('registers with keys made in the browser and never sends the password', async () => {
    const password = 'Tulpe-Fahrrad-Wolkenkratzer';
    const done = account.register({ username: 'mondlicht', password });
    (await nextRequest(http, AuthApi.prelogin)).flush({ kdfSalt: 'x', kdfIterations: 500 });
    const request = await nextRequest(http, AuthApi.register);
    const body = request.request.body;

    expect(JSON.stringify(body)).not.toContain(password);
    // The offered 500 is below the built-in floor: the floor wins.
    expect(body.kdfIterations).toBe(1000);
    expect(fromBase64Url(body.kdfSalt)).toHaveLength(16);
    expect(fromBase64Url(body.authKey)).toHaveLength(32);
    expect(fromBase64Url(body.publicKey)).toHaveLength(65);
    expect(fromBase64Url(body.recoveryVerifier)).toHaveLength(32);
    expect(body.wrappedPrivateKey).toMatchObject({ v: 1 });
    expect(body.recoveryWrappedPrivateKey).toMatchObject({ v: 1 });
    expect(body).not.toHaveProperty('email');

    request.flush(
      {
        account: {
          id: 'a1',
          username: 'mondlicht',
          role: 'client',
          displayName: null,
          hasEmail: false,
          maskedEmail: null,
          deletionDate: null,
          recoveryConfirmed: true,
        },
        keys: {
          publicKey: body.publicKey,
          wrappedPrivateKey: body.wrappedPrivateKey,
          teamKeyGrant: null,
        },
        session: {
          idleExpiresAt: new Date(Date.now() + 1_800_000).toISOString(),
          absoluteExpiresAt: new Date(Date.now() + 43_200_000).toISOString(),
        },
      },
      { status: 201, statusText: 'Created' },
    );
    const code = await done;

    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const session = TestBed.inject(SessionStore);
    expect(session.status()).toBe('unlocked');
    expect(session.privateKey?.extractable).toBe(false);
    TestBed.inject(SessionStore).wipe();
  });

  it('points at a typo in the recovery code before anything is sent', async () => {
    await expect(
      account.recover('mondlicht', 'ABCD-UFGH-JKMN-PQRS-TVWX-YZ01-2345-6789', 'x'),
    ).rejects.toMatchObject({ problem: 'character', position: 6 });
    await expect(account.recover('mondlicht', 'ABCD', 'x')).rejects.toBeInstanceOf(
      RecoveryCodeError,
    );
    http.verify();
  });

  describe('with an account', () => {
    const password = 'Tulpe-Fahrrad-Wolkenkratzer';
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let registered: any;

    beforeEach(async () => {
      const done = account.register({ username: 'mondlicht', password });
      (await nextRequest(http, AuthApi.prelogin)).flush({ kdfSalt: 'x', kdfIterations: 1000 });
      const request = await nextRequest(http, AuthApi.register);
      registered = request.request.body;
      request.flush({
        account: {
          id: 'a1',
          username: 'mondlicht',
          role: 'client',
          displayName: null,
          hasEmail: false,
          maskedEmail: null,
          deletionDate: null,
          recoveryConfirmed: true,
        },
        keys: {
          publicKey: registered.publicKey,
          wrappedPrivateKey: registered.wrappedPrivateKey,
          teamKeyGrant: null,
        },
        session: {
          idleExpiresAt: new Date(Date.now() + 1_800_000).toISOString(),
          absoluteExpiresAt: new Date(Date.now() + 43_200_000).toISOString(),
        },
      });
      await done;
    });

    afterEach(() => TestBed.inject(SessionStore).wipe());

    async function answerPrelogin() {
      (await nextRequest(http, AuthApi.prelogin)).flush({
        kdfSalt: registered.kdfSalt,
        kdfIterations: registered.kdfIterations,
      });
    }

    it('changes the password: the key is re-wrapped under the new one only', async () => {
      const newPassword = 'Regenschirm-Kaffeetasse-Laterne';
      const done = account.changePassword(password, newPassword);
      await answerPrelogin();
      const request = await nextRequest(http, AuthApi.password);
      const body = request.request.body;
      request.flush(null, { status: 204, statusText: 'No Content' });
      await done;

      const old = await deriveAccountKeys(password, fromBase64Url(registered.kdfSalt), 1000, {
        minIterations: 1000,
      });
      expect(body.authKey).toBe(toBase64Url(old.authKey));
      expect(body.newKdfSalt).not.toBe(registered.kdfSalt);
      const next = await deriveAccountKeys(newPassword, fromBase64Url(body.newKdfSalt), 1000, {
        minIterations: 1000,
      });
      expect(body.newAuthKey).toBe(toBase64Url(next.authKey));
      await expect(unwrapPrivateKey(body.newWrappedPrivateKey, next.wrapKey)).resolves.toBeTruthy();
      await expect(unwrapPrivateKey(body.newWrappedPrivateKey, old.wrapKey)).rejects.toMatchObject({
        code: 'auth',
      });
      expect(TestBed.inject(SessionStore).wrappedPrivateKey).toEqual(body.newWrappedPrivateKey);
    });

    it('refuses a wrong current password without asking the server', async () => {
      const done = account.changePassword('Falsches-Passwort-99', 'Regenschirm-Kaffeetasse');
      await answerPrelogin();

      await expect(done).rejects.toMatchObject({ name: 'WrongPasswordError' });
      http.expectNone(AuthApi.password);
    });

    it('makes a new recovery code that opens the same private key', async () => {
      const done = account.renewRecoveryCode(password);
      await answerPrelogin();
      const request = await nextRequest(http, AuthApi.recovery);
      const body = request.request.body;
      request.flush(null, { status: 204, statusText: 'No Content' });
      const code = await done;

      const { recoveryKey, recoveryVerifier } = await deriveRecoveryKeys(parseRecoveryCode(code));
      expect(body.recoveryVerifier).toBe(toBase64Url(recoveryVerifier));
      expect(body.recoveryVerifier).not.toBe(registered.recoveryVerifier);
      await expect(
        unwrapPrivateKey(body.recoveryWrappedPrivateKey, recoveryKey),
      ).resolves.toBeTruthy();
    });
  });
});
