import { DOCUMENT } from '@angular/common';
import { HttpClient, HttpResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  AccountResponse,
  AesEnvelopeDto,
  PreloginResponse,
  SealedEnvelopeDto,
  SessionResponse,
  SessionStatusResponse,
  SessionTimes,
} from '@confidant/shared/api-interfaces';
import { firstValueFrom, Observable } from 'rxjs';
import { QuickExit } from '../quick-exit/quick-exit';
import { WrongPasswordError } from './failure';
import { IdleTimer } from './idle-timer';
import { AccountRoutes, AuthApi, PUBLIC_CALLS } from './portal-routes';

/** The server tells in this meta element whether the browser that asked for the page has a session. */
export const SESSION_HINT_META = 'confidant-session';

/**
 * The fewest PBKDF2 iterations the browser accepts from a prelogin answer. It is built into the
 * app on purpose: a server (or whoever controls it) must not be able to lower it for one account,
 * which would make the `authKey` sent at login a cheap function of her password.
 */
export const MIN_KDF_ITERATIONS = new InjectionToken<number>('MIN_KDF_ITERATIONS', {
  providedIn: 'root',
  factory: () => 600_000,
});

/**
 * - `unknown`: the app has not yet asked the server whether a session exists.
 * - `anonymous`: no session.
 * - `locked`: a session exists (after a reload), but the keys are gone: she must unlock.
 * - `unlocked`: session and keys are there.
 */
export type SessionStatus = 'unknown' | 'anonymous' | 'locked' | 'unlocked';

/** Why the last session ended without her logging out, for the next page to explain. */
export type SessionNotice = 'ended' | 'idle' | 'deleted' | null;

/** The key material of the unlocked account; memory only, never stored or sent. */
export interface KeyMaterial {
  /** The identity private key, non-extractable. */
  privateKey: CryptoKey;
  /** The key derived from her password that wraps the private key (for a password change). */
  wrapKey: CryptoKey;
}

/** What the current password proves, for operations on the own account. */
export interface PasswordProof {
  authKey: Uint8Array;
  wrapKey: CryptoKey;
  kdfIterations: number;
}

/** The server records activity at most once a minute, so its idle clock may run that much ahead. */
const TOUCH_SLACK_MS = 60_000;

type Crypto = typeof import('@confidant/shared/crypto');

/**
 * The session of this browser tab: the account, the session's deadlines and the keys, in memory
 * only. A reload loses the keys on purpose (status `locked`): she enters her password again.
 * Logout, idle logout, quick exit and a session ended by the server all wipe the keys.
 *
 * The crypto library is loaded only when a password is used, so the landing page stays light.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly idle = inject(IdleTimer);
  private readonly minIterations = inject(MIN_KDF_ITERATIONS);

  private readonly known = signal(false);
  private readonly current = signal<SessionResponse | null>(null);
  private readonly keys = signal<KeyMaterial | null>(null);
  private readonly noticeState = signal<SessionNotice>(null);
  private readonly wipeListeners = new Set<() => void>();
  private checking: Promise<void> | undefined;
  /** Length of the idle timeout as the server reported it; null until a session was seen. */
  private idleMs: number | null = null;
  /** Local clock minus server clock, from the last session answer. */
  private skewMs = 0;

  readonly status = computed<SessionStatus>(() => {
    if (!this.known()) {
      return 'unknown';
    }
    if (!this.current()) {
      return 'anonymous';
    }
    return this.keys() ? 'unlocked' : 'locked';
  });
  readonly account = computed<AccountResponse | null>(() => this.current()?.account ?? null);
  /** When the session ends unless used (idle) and at the latest (absolute), as the server said. */
  readonly times = computed<SessionTimes | null>(() => this.current()?.session ?? null);
  /** Local time (ms since epoch) of the idle logout, or null without a session. */
  readonly idleDeadline = this.idle.deadline;
  /** True while a server session exists (locked or unlocked). */
  readonly loggedIn = computed(() => this.current() !== null);
  readonly notice = this.noticeState.asReadonly();
  /** Whether a lead has sealed the team key to this account (staff only). */
  readonly hasTeamKey = computed(() => (this.current()?.keys.teamKeyGrant ?? null) !== null);
  /** True while the idle-logout warning should show. */
  readonly idleWarning = this.idle.warning;

  constructor() {
    const unregister = inject(QuickExit).onExit(() => this.leaveQuickly());
    const document = inject(DOCUMENT);
    const recheck = () => {
      if (document.visibilityState === 'visible') {
        this.idle.check();
      }
    };
    document.addEventListener('visibilitychange', recheck);
    inject(DestroyRef).onDestroy(() => {
      unregister();
      document.removeEventListener('visibilitychange', recheck);
    });
  }

  /** The unlocked identity private key, or null. */
  get privateKey(): CryptoKey | null {
    return this.keys()?.privateKey ?? null;
  }

  /** The unlocked key material, or null. */
  get keyMaterial(): KeyMaterial | null {
    return this.keys();
  }

  /** The private key as the server holds it, wrapped under the password's `wrapKey`. */
  get wrappedPrivateKey(): AesEnvelopeDto | null {
    return this.current()?.keys.wrappedPrivateKey ?? null;
  }

  /** Her public key (base64url), to which conversation keys are sealed for her. */
  get publicKey(): string | null {
    return this.current()?.keys.publicKey ?? null;
  }

  /** The team key grant, kept sealed for staff features. */
  get teamKeyGrant(): SealedEnvelopeDto | null {
    return this.current()?.keys.teamKeyGrant ?? null;
  }

  /**
   * Asks the server once per page load whether a session exists (`GET /api/auth/status`, which
   * also restarts its idle clock); later calls share the answer.
   */
  async whenKnown(): Promise<SessionStatus> {
    this.checking ??= this.check();
    await this.checking;
    return this.status();
  }

  private async check(): Promise<void> {
    if (
      this.document.querySelector(`meta[name="${SESSION_HINT_META}"]`)?.getAttribute('content') ===
      'none'
    ) {
      // The server said, while delivering the page, that this browser has no session: no need to ask.
      this.known.set(true);
      return;
    }
    try {
      // `status` answers 200 with or without a session, so a visitor's page load logs no error.
      const response = await this.request(
        this.http.get<SessionStatusResponse>(AuthApi.status, { observe: 'response' }),
      );
      const session = response.body?.session;
      if (session && !this.known()) {
        this.apply(response.clone({ body: session }));
      }
    } catch {
      // The server cannot be reached: she starts anonymous; logging in will tell her more.
    }
    this.known.set(true);
  }

  /** Prelogin, key derivation, login and unwrapping of the private key. */
  async login(username: string, password: string): Promise<void> {
    const crypto = await loadCrypto();
    const { authKey, wrapKey } = await this.derive(crypto, username, password);
    const response = await this.request(
      this.http.post<SessionResponse>(
        AuthApi.login,
        { username, authKey: crypto.toBase64Url(authKey) },
        { observe: 'response' },
      ),
    );
    authKey.fill(0);
    const body = response.body as SessionResponse;
    let privateKey: CryptoKey;
    try {
      privateKey = await crypto.unwrapPrivateKey(body.keys.wrappedPrivateKey, wrapKey);
    } catch (error) {
      // The server's envelope does not belong to this password: do not stay half logged in.
      await this.endServerSession();
      throw error;
    }
    this.noticeState.set(null);
    this.apply(response, { privateKey, wrapKey });
  }

  /**
   * After a reload: the session is still valid, but the keys are gone. Derives them from the
   * password and opens the private key the session answer holds. A wrong password cannot open it:
   * {@link WrongPasswordError}.
   */
  async unlock(password: string): Promise<void> {
    const proof = await this.verifyPassword(password);
    proof.authKey.fill(0);
    const crypto = await loadCrypto();
    const privateKey = await crypto.unwrapPrivateKey(this.wrappedPrivateKey, proof.wrapKey);
    this.keys.set({ privateKey, wrapKey: proof.wrapKey });
  }

  /**
   * Derives `authKey` and `wrapKey` from the password of the logged-in account and checks them
   * locally against the wrapped private key, so a typo is caught without asking the server.
   */
  async verifyPassword(password: string): Promise<PasswordProof> {
    const account = this.account();
    const wrapped = this.wrappedPrivateKey;
    if (!account || !wrapped) {
      throw new Error('No session.');
    }
    const crypto = await loadCrypto();
    const { authKey, wrapKey, kdfIterations } = await this.derive(
      crypto,
      account.username,
      password,
    );
    try {
      await crypto.unwrapPrivateKey(wrapped, wrapKey);
    } catch (error) {
      authKey.fill(0);
      if (error instanceof crypto.CryptoError && error.code === 'auth') {
        throw new WrongPasswordError();
      }
      throw error;
    }
    return { authKey, wrapKey, kdfIterations };
  }

  /** Takes over a session the caller started (registration), with the keys it made. */
  establish(response: HttpResponse<SessionResponse>, keys: KeyMaterial): void {
    this.noticeState.set(null);
    this.known.set(true);
    this.apply(response, keys);
  }

  /** After a password change: the private key is now wrapped under the new password. */
  replaceWrapping(wrapKey: CryptoKey, wrappedPrivateKey: AesEnvelopeDto): void {
    const session = this.current();
    const keys = this.keys();
    if (session && keys) {
      this.current.set({ ...session, keys: { ...session.keys, wrappedPrivateKey } });
      this.keys.set({ ...keys, wrapKey });
    }
  }

  /** Updates what the page shows about the account (after `GET /api/accounts/me` or a change). */
  updateAccount(patch: Partial<AccountResponse>): void {
    const session = this.current();
    if (session) {
      this.current.set({ ...session, account: { ...session.account, ...patch } });
    }
  }

  /**
   * She kept the recovery code shown last: the server remembers it on the account, so that no
   * later session reminds her. Without a session (after a reset) there is nothing to tell.
   */
  async confirmRecoveryCode(): Promise<void> {
    if (!this.current()) {
      return;
    }
    await firstValueFrom(this.http.post<void>(AuthApi.recoveryConfirmation, null));
    this.updateAccount({ recoveryConfirmed: true });
  }

  /** "Stay logged in": any authenticated request refreshes the server's idle clock. */
  async stayLoggedIn(): Promise<void> {
    const response = await this.request(
      this.http.get<SessionResponse>(AuthApi.session, { observe: 'response' }),
    );
    this.apply(response, this.keys() ?? undefined);
  }

  /** Called for every API answer: the server restarted its idle clock, so does the app. */
  noteActivity(url: string): void {
    const deadline = this.idle.deadline();
    if (!this.current() || deadline === null || this.idleMs === null || isPublicCall(url)) {
      return;
    }
    const next = Math.min(Date.now() + this.idleMs - TOUCH_SLACK_MS, this.absoluteDeadline());
    if (next > deadline) {
      this.idle.start(next, () => this.expireIdle());
    }
  }

  /** Logs out on the server, wipes the keys and shows the logged-out page. */
  async logout(): Promise<void> {
    await this.endServerSession();
    this.wipe();
    await this.router.navigateByUrl(`/${AccountRoutes.loggedOut}`);
  }

  /** The idle timeout ran out: wipe, end the session on the server, show the logged-out page. */
  expireIdle(): void {
    this.wipe();
    this.noticeState.set('idle');
    void this.endServerSession();
    void this.router.navigateByUrl(`/${AccountRoutes.loggedOut}`);
  }

  /** The server answered 401 to a call that needs a session: it ended (elsewhere, or expired). */
  endedByServer(): void {
    if (!this.current()) {
      return;
    }
    this.wipe();
    this.noticeState.set('ended');
    void this.router.navigateByUrl(`/${AccountRoutes.login}`);
  }

  /** After the account was deleted: the session is gone on the server with it. */
  forget(notice: SessionNotice = null): void {
    this.wipe();
    this.noticeState.set(notice);
  }

  clearNotice(): void {
    this.noticeState.set(null);
  }

  /**
   * Registers something that holds keys, drafts or decrypted text in memory: it is cleared whenever
   * the session's keys are (logout, idle logout, session ended, quick exit, account deleted).
   */
  onWipe(listener: () => void): () => void {
    this.wipeListeners.add(listener);
    return () => this.wipeListeners.delete(listener);
  }

  /** Drops keys and session state from memory, and everything derived from them. */
  wipe(): void {
    this.keys.set(null);
    this.current.set(null);
    this.known.set(true);
    this.idle.stop();
    for (const listener of this.wipeListeners) {
      try {
        listener();
      } catch {
        // One part failing to clean up must not keep the others from doing so.
      }
    }
  }

  private leaveQuickly(): void {
    const hadSession = this.status() !== 'anonymous';
    this.wipe();
    if (hadSession && typeof fetch === 'function') {
      // keepalive lets the request finish while the page is replaced by the neutral one.
      fetch(AuthApi.logout, { method: 'POST', keepalive: true, credentials: 'same-origin' }).catch(
        () => undefined,
      );
    }
  }

  private async endServerSession(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(AuthApi.logout, null));
    } catch {
      // Gone already, or offline: the keys are wiped either way; the server ends it when idle.
    }
  }

  private async derive(crypto: Crypto, username: string, password: string): Promise<PasswordProof> {
    const params = await firstValueFrom(
      this.http.post<PreloginResponse>(AuthApi.prelogin, { username }),
    );
    const { authKey, wrapKey } = await crypto.deriveAccountKeys(
      password,
      crypto.fromBase64Url(params.kdfSalt),
      params.kdfIterations,
      { minIterations: this.minIterations },
    );
    return { authKey, wrapKey, kdfIterations: params.kdfIterations };
  }

  private request<T>(call: Observable<HttpResponse<T>>): Promise<HttpResponse<T>> {
    return firstValueFrom(call);
  }

  private apply(response: HttpResponse<SessionResponse>, keys?: KeyMaterial): void {
    const body = response.body;
    if (!body) {
      return;
    }
    const serverNow = Date.parse(response.headers.get('Date') ?? '');
    const now = Date.now();
    this.skewMs = Number.isFinite(serverNow) ? now - serverNow : 0;
    const idleExpires = Date.parse(body.session.idleExpiresAt);
    this.idleMs = Math.max(this.idleMs ?? 0, idleExpires - (now - this.skewMs));
    this.current.set(body);
    if (keys) {
      this.keys.set(keys);
    }
    this.known.set(true);
    const deadline = Math.min(idleExpires + this.skewMs, this.absoluteDeadline());
    this.idle.start(deadline, () => this.expireIdle());
  }

  private absoluteDeadline(): number {
    const absolute = Date.parse(this.current()?.session.absoluteExpiresAt ?? '');
    return Number.isFinite(absolute) ? absolute + this.skewMs : Number.POSITIVE_INFINITY;
  }
}

function loadCrypto(): Promise<Crypto> {
  return import('@confidant/shared/crypto');
}

function isPublicCall(url: string): boolean {
  const path = url.split('?')[0];
  return PUBLIC_CALLS.includes(path);
}
