import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SessionResponse } from '@confidant/shared/api-interfaces';
import { webcrypto } from 'node:crypto';
import { QuickExit } from '../quick-exit/quick-exit';
import { WrongPasswordError } from './failure';
import { AuthApi } from './portal-routes';
import { MIN_KDF_ITERATIONS, SessionStore } from './session-store';
import { sessionInterceptor } from './session.interceptor';

const ITERATIONS = 1000;
/** Captured before any test fakes the timers: WebCrypto needs real turns of the event loop. */
const realSetTimeout = globalThis.setTimeout;
const PASSWORD = 'Tulpe-Fahrrad-Wolkenkratzer';

interface Account {
  prelogin: { kdfSalt: string; kdfIterations: number };
  session: (now?: number) => SessionResponse;
}

/** A real account as the server would hold it: salt, iterations and the wrapped private key. */
async function makeAccount(): Promise<Account> {
  // Imported lazily here as in the store, which keeps the crypto lib out of the initial bundle.
  const {
    createIdentity,
    deriveAccountKeys,
    deriveRecoveryKeys,
    generateRecoveryCode,
    newKdfParams,
    toBase64Url,
  } = await import('@confidant/shared/crypto');
  const { kdfSalt, kdfIterations } = newKdfParams(ITERATIONS);
  const { wrapKey } = await deriveAccountKeys(PASSWORD, kdfSalt, kdfIterations, {
    minIterations: ITERATIONS,
  });
  const { recoveryKey } = await deriveRecoveryKeys(generateRecoveryCode().bytes);
  const identity = await createIdentity(wrapKey, recoveryKey);
  return {
    prelogin: { kdfSalt: toBase64Url(kdfSalt), kdfIterations },
    session: (now = Date.now()) => ({
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
        publicKey: toBase64Url(identity.publicKey),
        wrappedPrivateKey: identity.wrappedPrivateKey,
        teamKeyGrant: null,
      },
      session: {
        idleExpiresAt: new Date(now + 30 * 60_000).toISOString(),
        absoluteExpiresAt: new Date(now + 12 * 3_600_000).toISOString(),
      },
    }),
  };
}

/** Lets the store's awaits (dynamic import, WebCrypto) run until it sends the next request. */
async function nextRequest(http: HttpTestingController, url: string) {
  for (let i = 0; i < 200; i++) {
    const found = http.match(url);
    if (found.length > 0) {
      return found[0];
    }
    await new Promise((resolve) => realSetTimeout(resolve, 5));
  }
  throw new Error(`No request to ${url}`);
}

describe('SessionStore', () => {
  let account: Account;
  let http: HttpTestingController;
  let wipers: (() => void)[];
  let navigate: jest.SpyInstance;

  beforeAll(async () => {
    if (!globalThis.crypto?.subtle) {
      Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
    }
    account = await makeAccount();
  });

  beforeEach(() => {
    wipers = [];
    jest.spyOn(QuickExit.prototype, 'onExit').mockImplementation((wipe) => {
      wipers.push(wipe);
      return () => undefined;
    });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MIN_KDF_ITERATIONS, useValue: ITERATIONS },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => jest.restoreAllMocks());

  async function loggedIn(): Promise<SessionStore> {
    const store = TestBed.inject(SessionStore);
    const login = store.login('mondlicht', PASSWORD);
    (await nextRequest(http, AuthApi.prelogin)).flush(account.prelogin);
    (await nextRequest(http, AuthApi.login)).flush(account.session());
    await login;
    return store;
  }

  async function locked(): Promise<SessionStore> {
    const store = TestBed.inject(SessionStore);
    const known = store.whenKnown();
    http.expectOne(AuthApi.status).flush({ session: account.session() });
    expect(await known).toBe('locked');
    return store;
  }

  it('is anonymous when the server knows no session, and asks only once', async () => {
    const store = TestBed.inject(SessionStore);
    expect(store.status()).toBe('unknown');

    const first = store.whenKnown();
    const second = store.whenKnown();
    http.expectOne(AuthApi.status).flush({ session: null });

    expect(await first).toBe('anonymous');
    expect(await second).toBe('anonymous');
    expect(store.account()).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('answers later questions with the current state, not the one at start-up', async () => {
    const store = TestBed.inject(SessionStore);
    const known = store.whenKnown();
    http.expectOne(AuthApi.status).flush({ session: null });
    expect(await known).toBe('anonymous');

    const login = store.login('mondlicht', PASSWORD);
    (await nextRequest(http, AuthApi.prelogin)).flush(account.prelogin);
    (await nextRequest(http, AuthApi.login)).flush(account.session());
    await login;

    expect(await store.whenKnown()).toBe('unlocked');
    http.expectNone(AuthApi.status);
  });

  it('after a reload the session is locked: account known, no keys', async () => {
    const store = await locked();

    expect(store.account()?.username).toBe('mondlicht');
    expect(store.privateKey).toBeNull();
    expect(store.loggedIn()).toBe(true);
  });

  it('unlocks with the right password and keeps the private key non-extractable', async () => {
    const store = await locked();

    const unlock = store.unlock(PASSWORD);
    (await nextRequest(http, AuthApi.prelogin)).flush(account.prelogin);
    await unlock;

    expect(store.status()).toBe('unlocked');
    expect(store.privateKey?.extractable).toBe(false);
    expect(store.privateKey?.algorithm.name).toBe('ECDH');
  });

  it('refuses a wrong password at unlock and stays locked', async () => {
    const store = await locked();

    const unlock = store.unlock('Falsches-Passwort-123');
    (await nextRequest(http, AuthApi.prelogin)).flush(account.prelogin);

    await expect(unlock).rejects.toBeInstanceOf(WrongPasswordError);
    expect(store.status()).toBe('locked');
  });

  it('refuses a prelogin answer with too few iterations', async () => {
    const store = await locked();

    const unlock = store.unlock(PASSWORD);
    (await nextRequest(http, AuthApi.prelogin)).flush({ ...account.prelogin, kdfIterations: 10 });

    await expect(unlock).rejects.toMatchObject({ code: 'kdf' });
    expect(store.status()).toBe('locked');
  });

  it('logs in: prelogin, derived authKey, unwrapped key', async () => {
    const store = TestBed.inject(SessionStore);
    const login = store.login('mondlicht', PASSWORD);
    const prelogin = await nextRequest(http, AuthApi.prelogin);
    expect(prelogin.request.body).toEqual({ username: 'mondlicht' });
    prelogin.flush(account.prelogin);
    const request = await nextRequest(http, AuthApi.login);
    expect(request.request.body.username).toBe('mondlicht');
    expect(request.request.body.authKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(request.request.body)).not.toContain(PASSWORD);
    request.flush(account.session());
    await login;

    expect(store.status()).toBe('unlocked');
    expect(store.keyMaterial?.wrapKey.extractable).toBe(false);
  });

  it('logs out: ends the server session, wipes the keys, shows the logged-out page', async () => {
    const store = await loggedIn();

    const logout = store.logout();
    http
      .expectOne({ method: 'POST', url: AuthApi.logout })
      .flush(null, { status: 204, statusText: 'No Content' });
    await logout;

    expect(store.status()).toBe('anonymous');
    expect(store.privateKey).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/abgemeldet');
  });

  it('quick exit wipes the keys and ends the server session with a keepalive request', async () => {
    const fetchMock = jest.fn().mockResolvedValue({ ok: true, status: 204 });
    Object.defineProperty(globalThis, 'fetch', {
      value: fetchMock,
      configurable: true,
      writable: true,
    });
    const store = await loggedIn();

    for (const wipe of wipers) {
      wipe();
    }

    expect(store.privateKey).toBeNull();
    expect(store.status()).toBe('anonymous');
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/logout', {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
    });
  });

  it('quick exit without a session sends nothing', async () => {
    const fetchMock = jest.fn();
    Object.defineProperty(globalThis, 'fetch', {
      value: fetchMock,
      configurable: true,
      writable: true,
    });
    const store = TestBed.inject(SessionStore);
    const known = store.whenKnown();
    http.expectOne(AuthApi.status).flush({ session: null });
    await known;

    wipers.forEach((wipe) => wipe());

    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('a 401 from an authenticated call means the session ended: wipe and go to the login page', async () => {
    const store = await loggedIn();

    const http$ = TestBed.inject(HttpTestingController);
    const client = TestBed.inject(HttpClient);
    client.get(AuthApi.me).subscribe({ error: () => undefined });
    http$.expectOne(AuthApi.me).flush(null, { status: 401, statusText: 'Unauthorized' });

    expect(store.status()).toBe('anonymous');
    expect(store.notice()).toBe('ended');
    expect(navigate).toHaveBeenCalledWith('/anmelden');
  });

  it('a 401 from a credential call (wrong recovery code) does not end the session', async () => {
    const store = await loggedIn();
    const client = TestBed.inject(HttpClient);

    client.post(AuthApi.recoveryStart, {}).subscribe({ error: () => undefined });
    http.expectOne(AuthApi.recoveryStart).flush(null, { status: 401, statusText: 'Unauthorized' });

    expect(store.status()).toBe('unlocked');
    expect(navigate).not.toHaveBeenCalled();
  });

  describe('idle logout', () => {
    beforeEach(() => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    });

    afterEach(() => jest.useRealTimers());

    async function loggedInWithFakeTimers(): Promise<SessionStore> {
      const store = TestBed.inject(SessionStore);
      const login = store.login('mondlicht', PASSWORD);
      (await nextRequest(http, AuthApi.prelogin)).flush(account.prelogin);
      (await nextRequest(http, AuthApi.login)).flush(account.session());
      await login;
      return store;
    }

    it('warns after 28 minutes, stays on request, and logs out when idle', async () => {
      const store = await loggedInWithFakeTimers();

      jest.advanceTimersByTime(28 * 60_000);
      expect(store.idleWarning()).toBe(true);

      const stay = store.stayLoggedIn();
      http.expectOne(AuthApi.session).flush(account.session(Date.now()));
      await stay;
      expect(store.idleWarning()).toBe(false);

      jest.advanceTimersByTime(29 * 60_000);
      expect(store.status()).toBe('unlocked');
      jest.advanceTimersByTime(60_000);

      expect(store.status()).toBe('anonymous');
      expect(store.privateKey).toBeNull();
      expect(store.notice()).toBe('idle');
      http.expectOne({ method: 'POST', url: AuthApi.logout });
      expect(navigate).toHaveBeenCalledWith('/abgemeldet');
    });

    it('an authenticated call restarts the idle clock', async () => {
      const store = await loggedInWithFakeTimers();
      const client = TestBed.inject(HttpClient);

      jest.advanceTimersByTime(20 * 60_000);
      client.get(AuthApi.me).subscribe();
      http.expectOne(AuthApi.me).flush({});
      jest.advanceTimersByTime(20 * 60_000);

      expect(store.status()).toBe('unlocked');
      expect(store.idleWarning()).toBe(false);
    });

    it('public calls do not keep the session alive', async () => {
      const store = await loggedInWithFakeTimers();
      const client = TestBed.inject(HttpClient);

      jest.advanceTimersByTime(20 * 60_000);
      client.get('/api/centre').subscribe();
      http.expectOne('/api/centre').flush({});
      jest.advanceTimersByTime(10 * 60_000);

      expect(store.status()).toBe('anonymous');
    });
  });
});
