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
import { ChatRefusal } from './chat-failure';
import { ChatCost, ChatLimits, ChatSlot } from './chat-limits';

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
  queue: Promise<unknown>;
  expiresAt: number;
  /** The session's last-seen time the expiry was computed from. */
  seenAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * The handshake's refusal when the session or the account already holds its most sockets
 * ({@link ChatLimits}): the `connect_error` message, which the web app shows.
 */
export const TOO_MANY_CONNECTIONS = 'too-many-connections';

/** Browsers send this with every request from another site (Fetch Metadata). */
const FOREIGN_SITES = new Set(['cross-site', 'same-site']);

/**
 * The sessions behind the chat sockets. The handshake needs the session cookie and, when the
 * browser names one, the portal's own origin. Every event checks the session again; a socket
 * is disconnected at once when its session ends (logout, password change, reset, deactivation,
 * erasure: {@link SessionEvents}) and when it expires (a timer at the expiry time).
 *
 * A session holds a few sockets at most (a person with two or three tabs), an account a few
 * more; the next handshake is refused with {@link TOO_MANY_CONNECTIONS}, and the sockets already
 * there stay: the chat she is in goes on while a new tab says why it cannot connect. A tab that
 * reconnects after a broken connection names its previous socket (`auth: {previous: id}`), which
 * it replaces, so that a connection the server has not noticed gone yet does not lock it out.
 * Events take from the account's budget, whichever of her sockets and sessions they come from.
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
    private readonly limits: ChatLimits,
  ) {
    this.allowedOrigin = new URL(authSettings.publicUrl).origin;
    this.unsubscribe = sessionEvents.onEnded((ended) => this.sessionsEnded(ended));
  }

  /**
   * The handshake: refuses a foreign origin, a missing session, or a socket too many; else
   * registers the socket.
   */
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
    const state: SocketState = {
      socket,
      token,
      tokenHash: tokenHash(token),
      accountId: auth.account.id,
      queue: Promise.resolve(),
      expiresAt: 0,
      seenAt: 0,
    };
    const replaces = this.previousOf(socket, state.tokenHash);
    if (!(await this.limits.admit(slotOf(state), replaces))) {
      throw new ChatRefusal('too-many-connections', TOO_MANY_CONNECTIONS);
    }
    const data: ChatSocketData = { accountId: auth.account.id, role: auth.account.role };
    socket.data = data;
    this.states.set(socket.id, state);
    // A browser that goes away during the handshake never gets a disconnect event.
    socket.conn?.once('close', () => this.release(socket));
    this.schedule(state, auth);
  }

  /** Forgets a socket that disconnected. */
  release(socket: Socket): void {
    const state = this.states.get(socket.id);
    if (state) {
      clearTimeout(state.timer);
      this.states.delete(socket.id);
      void this.limits.release(slotOf(state)).catch(() => undefined);
    }
  }

  /**
   * False when the socket's account has used up its events (or messages) for the moment; an
   * unknown socket passes here and fails its session check.
   */
  async take(socket: Socket, cost: ChatCost = 'event'): Promise<boolean> {
    const state = this.states.get(socket.id);
    return state ? this.limits.take(state.accountId, cost) : true;
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

  /**
   * The socket this one replaces: the previous socket of the same tab, named in the handshake,
   * if it belongs to the same session. This process disconnects it; the limits forget it.
   */
  private previousOf(socket: Socket, sessionKey: string): string | undefined {
    const previous: unknown = socket.handshake.auth?.['previous'];
    if (typeof previous !== 'string' || previous.length > 64 || previous === socket.id) {
      return undefined;
    }
    const stale = this.states.get(previous);
    if (stale && stale.tokenHash === sessionKey) {
      this.drop(stale);
    }
    return previous;
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

function slotOf(state: SocketState): ChatSlot {
  return { socketId: state.socket.id, sessionKey: state.tokenHash, accountId: state.accountId };
}
