import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import {
  AUTH_SETTINGS,
  AuthContext,
  AuthSettings,
  SessionCookie,
  SessionEvents,
  SessionService,
  SessionsEnded,
  tokenHash,
} from '@confidant/api/auth';
import { Role } from '@confidant/shared/api-interfaces';
import type { Request } from 'express';
import type { Socket } from 'socket.io';
import { CHAT_SETTINGS, ChatSettings } from '../chat-settings';
import { ChatRefusal } from './chat-failure';
import { EventBucket } from './event-bucket';

/**
 * What every socket carries in `socket.data`: who she is, nothing secret, because a cluster
 * adapter may send it to other instances (presence).
 */
export interface ChatSocketData {
  accountId: string;
  role: Role;
}

export type ChatSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  ChatSocketData
>;

/** What this process keeps per socket and shares with nobody: the session token above all. */
interface SocketState {
  socket: Socket;
  token: string;
  tokenHash: string;
  accountId: string;
  bucket: EventBucket;
  queue: Promise<unknown>;
  expiresAt: number;
  /** The session's last-seen time the expiry was computed from. */
  seenAt: number;
  timer?: NodeJS.Timeout;
}

/** Browsers send this with every request from another site (Fetch Metadata). */
const FOREIGN_SITES = new Set(['cross-site', 'same-site']);

/**
 * The sessions behind the chat sockets. The handshake needs the session cookie and, when the
 * browser names one, the portal's own origin. Every event checks the session again; a socket
 * is disconnected at once when its session ends (logout, password change, reset, deactivation,
 * erasure: {@link SessionEvents}) and when it expires (a timer at the expiry time).
 */
@Injectable()
export class ChatSessions implements OnModuleDestroy {
  private readonly states = new Map<string, SocketState>();
  private readonly allowedOrigin: string;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly sessions: SessionService,
    private readonly cookie: SessionCookie,
    sessionEvents: SessionEvents,
    @Inject(AUTH_SETTINGS) authSettings: AuthSettings,
    @Inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
  ) {
    this.allowedOrigin = new URL(authSettings.publicUrl).origin;
    this.unsubscribe = sessionEvents.onEnded((ended) => this.sessionsEnded(ended));
  }

  /** The handshake: refuses a foreign origin or a missing session, else registers the socket. */
  async admit(socket: Socket, now = new Date()): Promise<void> {
    const headers = socket.handshake.headers;
    const site = headers['sec-fetch-site'];
    if (
      (headers.origin !== undefined && headers.origin !== this.allowedOrigin) ||
      (typeof site === 'string' && FOREIGN_SITES.has(site))
    ) {
      throw new ChatRefusal('forbidden', 'forbidden-origin');
    }
    const token = this.cookie.read(socket.request as unknown as Request);
    const auth = token ? await this.sessions.resolve(token, now) : null;
    if (!token || !auth) {
      throw new ChatRefusal('unauthorized', 'unauthorized');
    }
    const data: ChatSocketData = { accountId: auth.account.id, role: auth.account.role };
    socket.data = data;
    const state: SocketState = {
      socket,
      token,
      tokenHash: tokenHash(token),
      accountId: auth.account.id,
      bucket: new EventBucket(this.settings.eventsPerSecond, this.settings.eventBurst),
      queue: Promise.resolve(),
      expiresAt: 0,
      seenAt: 0,
    };
    this.states.set(socket.id, state);
    this.schedule(state, auth);
  }

  /** Forgets a socket that disconnected. */
  release(socket: Socket): void {
    const state = this.states.get(socket.id);
    if (state) {
      clearTimeout(state.timer);
      this.states.delete(socket.id);
    }
  }

  /** False when the socket has used up its events for the moment (an unknown one fails later). */
  take(socket: Socket): boolean {
    return this.states.get(socket.id)?.bucket.take() ?? true;
  }

  /**
   * The live session behind the socket, looked up again in the database. Without one the
   * socket is told `unauthorized` and disconnected right after.
   */
  async check(socket: Socket, now = new Date()): Promise<AuthContext> {
    const state = this.states.get(socket.id);
    const auth = state ? await this.sessions.resolve(state.token, now) : null;
    if (!state || !auth || auth.account.id !== state.accountId) {
      if (state) {
        this.drop(state);
      } else {
        setImmediate(() => socket.disconnect(true));
      }
      throw new ChatRefusal('unauthorized', 'Your session has ended; please log in again.');
    }
    this.schedule(state, auth);
    return auth;
  }

  /** Runs the socket's events one after another, so that her messages keep their order. */
  serially<T>(socket: Socket, work: () => Promise<T>): Promise<T> {
    const state = this.states.get(socket.id);
    if (!state) {
      return work();
    }
    const result = state.queue.then(work, work);
    state.queue = result.catch(() => undefined);
    return result;
  }

  /** How many sockets this process holds. */
  get size(): number {
    return this.states.size;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    for (const state of this.states.values()) {
      clearTimeout(state.timer);
    }
    this.states.clear();
  }

  private sessionsEnded(ended: SessionsEnded): void {
    const hashes = new Set(ended.tokenHashes ?? []);
    const accounts = new Set(ended.accountIds ?? []);
    for (const state of [...this.states.values()]) {
      if (
        hashes.has(state.tokenHash) ||
        (accounts.has(state.accountId) && state.tokenHash !== ended.keep)
      ) {
        this.drop(state);
      } else if (ended.expired && state.expiresAt <= Date.now()) {
        void this.recheck(state);
      }
    }
  }

  /** No event of hers is accepted from now on; the socket closes once the current answer left. */
  private drop(state: SocketState): void {
    this.release(state.socket);
    setImmediate(() => state.socket.disconnect(true));
  }

  /** Expiry: at the idle or absolute end of the session, whichever comes first. */
  private schedule(state: SocketState, auth: AuthContext): void {
    // The idle end moves only when the session's last-seen time does (once a minute at most).
    const seenAt = auth.session.lastSeenAt.getTime();
    if (seenAt === state.seenAt && state.timer) {
      return;
    }
    state.seenAt = seenAt;
    const times = this.sessions.times(auth.session);
    const expiresAt = Math.min(
      Date.parse(times.idleExpiresAt),
      Date.parse(times.absoluteExpiresAt),
    );
    if (expiresAt === state.expiresAt && state.timer) {
      return;
    }
    clearTimeout(state.timer);
    state.expiresAt = expiresAt;
    // A second late, so that the session service sees it expired (it compares with ">").
    const delay = Math.min(Math.max(expiresAt - Date.now() + 1000, 0), 2 ** 31 - 1);
    state.timer = setTimeout(() => void this.recheck(state), delay);
    state.timer.unref();
  }

  private async recheck(state: SocketState): Promise<void> {
    if (this.states.get(state.socket.id) !== state) {
      return;
    }
    try {
      const auth = await this.sessions.resolve(state.token);
      if (!auth) {
        this.drop(state);
      } else {
        this.schedule(state, auth);
      }
    } catch {
      // The database did not answer: try again shortly rather than cut her off.
      clearTimeout(state.timer);
      state.timer = setTimeout(() => void this.recheck(state), 5000);
      state.timer.unref();
    }
  }
}
