import { inject, Injectable } from '@angular/core';
import {
  AppointmentResponse,
  CHAT_NAMESPACE,
  ChatAck,
  ChatDelivered,
  ChatEnded,
  ChatErrorCode,
  ChatEvents,
  ChatFailure,
  ChatMessage,
  ChatPresence,
  ChatTyping,
} from '@confidant/shared/api-interfaces';
import { SessionStore } from '@confidant/web/core';
import type { Socket } from 'socket.io-client';

/** How long an event waits for the server's acknowledgement. */
const ACK_TIMEOUT_MS = 10_000;

/** What the server pushes over the chat connection. */
export interface ChatListener {
  message?: (message: ChatMessage) => void;
  typing?: (typing: ChatTyping) => void;
  delivered?: (delivered: ChatDelivered) => void;
  presence?: (presence: ChatPresence) => void;
  ended?: (ended: ChatEnded) => void;
  appointment?: (appointment: AppointmentResponse) => void;
  /** The connection broke; socket.io tries again by itself. */
  disconnected?: () => void;
  /** The connection came back after a break: rejoin, and fetch what was missed. */
  reconnected?: () => void;
  /** The connection is gone for good (logged out, session ended). */
  closed?: () => void;
}

/** An acknowledgement that never came (offline, server gone). */
export const NO_ANSWER: ChatAck = {
  ok: false,
  error: 'internal',
  message: 'The server did not answer.',
};

/** The handshake's refusals (`connect_error` messages) as the error codes of acknowledgements. */
const REFUSALS: Partial<Record<string, ChatErrorCode>> = {
  unauthorized: 'unauthorized',
  'forbidden-origin': 'forbidden',
  'too-many-connections': 'too-many-connections',
};

/**
 * The one socket.io connection of this tab to the `/chat` namespace, opened when a page needs it.
 * The session cookie authenticates it; the server checks every event again. It is closed when
 * the session's keys are wiped (logout, quick exit, idle logout). When the server refuses the
 * handshake (no session, too many tabs open), socket.io does not try again: the events waiting
 * for it are answered with the refusal at once, and the next event opens a new connection.
 */
@Injectable({ providedIn: 'root' })
export class ChatConnection {
  private socket: Promise<Socket> | null = null;
  private readonly listeners = new Set<ChatListener>();
  /** Sockets whose handshake the server refused, with the answer for their events. */
  private readonly refusals = new WeakMap<Socket, Promise<ChatFailure>>();

  constructor() {
    inject(SessionStore).onWipe(() => this.close());
  }

  /** Starts listening; the returned function stops. */
  listen(listener: ChatListener): () => void {
    this.listeners.add(listener);
    void this.connect();
    return () => this.listeners.delete(listener);
  }

  /** Sends an event and resolves to the server's acknowledgement (or {@link NO_ANSWER}). */
  async emit<T extends object>(event: string, payload: object): Promise<ChatAck<T>> {
    const socket = await this.connect();
    try {
      return (await Promise.race([
        socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload),
        this.refusals.get(socket) ?? new Promise<never>(() => undefined),
      ])) as ChatAck<T>;
    } catch {
      return NO_ANSWER as ChatAck<T>;
    }
  }

  /**
   * Fire-and-forget (typing, delivered, unwatch, leave): a lost one does no harm, so it never
   * opens a connection. A page left after logout must not reconnect just to say goodbye.
   */
  async notify(event: string, payload: object): Promise<void> {
    (await this.socket)?.emit(event, payload);
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    void socket?.then((s) => s.disconnect());
    this.listeners.forEach((listener) => listener.closed?.());
  }

  private connect(): Promise<Socket> {
    if (this.socket) {
      return this.socket;
    }
    const connecting = import('socket.io-client').then(({ io }) => {
      // A tab that reconnects names its previous socket, which the server then stops counting.
      let previous: string | undefined;
      const socket = io(CHAT_NAMESPACE, {
        withCredentials: true,
        auth: (send) => send(previous ? { previous } : {}),
      });
      socket.on('connect', () => (previous = socket.id));
      this.refusals.set(
        socket,
        new Promise((resolve) =>
          socket.on('connect_error', (error) => {
            if (!socket.active) {
              // Refused by the server: socket.io gives up; the next event connects anew.
              if (this.socket === connecting) {
                this.socket = null;
              }
              const message = error.message;
              resolve({ ok: false, error: REFUSALS[message] ?? 'internal', message });
            }
          }),
        ),
      );
      const each = <K extends keyof ChatListener>(name: K) =>
        [...this.listeners].map((listener) => listener[name]).filter((f) => f !== undefined);
      socket.on(ChatEvents.message, (m: ChatMessage) => each('message').forEach((f) => f(m)));
      socket.on(ChatEvents.typing, (t: ChatTyping) => each('typing').forEach((f) => f(t)));
      socket.on(ChatEvents.delivered, (d: ChatDelivered) => each('delivered').forEach((f) => f(d)));
      socket.on(ChatEvents.presence, (p: ChatPresence) => each('presence').forEach((f) => f(p)));
      socket.on(ChatEvents.ended, (e: ChatEnded) => each('ended').forEach((f) => f(e)));
      socket.on(ChatEvents.appointment, (a: AppointmentResponse) =>
        each('appointment').forEach((f) => f(a)),
      );
      socket.io.on('reconnect', () => each('reconnected').forEach((f) => f()));
      socket.on('disconnect', (reason) => {
        if (reason === 'io server disconnect') {
          // The server ended it (logout, session over): it does not come back by itself.
          this.socket = null;
          each('closed').forEach((f) => f());
        } else if (reason !== 'io client disconnect') {
          each('disconnected').forEach((f) => f());
        }
      });
      return socket;
    });
    this.socket = connecting;
    return connecting;
  }
}
