import { TestBed } from '@angular/core/testing';
import { ChatEvents } from '@confidant/shared/api-interfaces';
import { SessionStore } from '@confidant/web/core';
import { ChatConnection } from './chat-connection';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io-client socket: the test plays the server's side. */
class FakeSocket {
  id: string | undefined;
  active = true;
  readonly handlers = new Map<string, Handler[]>();
  readonly io = { on: jest.fn() };
  readonly emitted: string[] = [];

  constructor(readonly options: { auth: (send: (data: object) => void) => void }) {}

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  fire(event: string, ...args: unknown[]) {
    this.handlers.get(event)?.forEach((handler) => handler(...args));
  }

  /** What the socket sends in its next handshake. */
  handshakeAuth(): object {
    let sent: object = {};
    this.options.auth((data) => (sent = data));
    return sent;
  }

  timeout() {
    return {
      // The server never answers: only a refusal ends the wait early.
      emitWithAck: (event: string) => {
        this.emitted.push(event);
        return new Promise(() => undefined);
      },
    };
  }

  disconnect() {
    this.active = false;
  }
}

const sockets: FakeSocket[] = [];

jest.mock('socket.io-client', () => ({
  io: (_namespace: string, options: FakeSocket['options']) => {
    const socket = new FakeSocket(options);
    sockets.push(socket);
    return socket;
  },
}));

describe('ChatConnection', () => {
  let connection: ChatConnection;

  beforeEach(() => {
    sockets.length = 0;
    TestBed.configureTestingModule({
      providers: [{ provide: SessionStore, useValue: { onWipe: () => () => undefined } }],
    });
    connection = TestBed.inject(ChatConnection);
  });

  /** Waits until the lazily loaded socket.io client has made its n-th socket. */
  async function socketNumber(n: number): Promise<FakeSocket> {
    while (sockets.length < n) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return sockets[n - 1];
  }

  it('answers waiting events with the refusal at once, and connects anew for the next one', async () => {
    const answer = connection.emit(ChatEvents.join, { conversationId: 'c' });
    const first = await socketNumber(1);
    while (first.emitted.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }

    first.active = false;
    first.fire('connect_error', new Error('too-many-connections'));

    expect(await answer).toEqual({
      ok: false,
      error: 'too-many-connections',
      message: 'too-many-connections',
    });
    void connection.emit(ChatEvents.join, { conversationId: 'c' });
    const second = await socketNumber(2);
    expect(second).not.toBe(first);
  });

  it('keeps the socket through a broken connection, naming its previous id when it reconnects', async () => {
    void connection.emit(ChatEvents.watch, { conversationId: 'c' });
    const socket = await socketNumber(1);
    expect(socket.handshakeAuth()).toEqual({});
    socket.id = 'first-id';
    socket.fire('connect');

    socket.fire('connect_error', new Error('xhr poll error')); // still active: socket.io retries
    void connection.emit(ChatEvents.watch, { conversationId: 'c' });
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(sockets).toHaveLength(1);
    expect(socket.handshakeAuth()).toEqual({ previous: 'first-id' });
  });
});
