import { SessionService } from '@confidant/api/auth';
import { MessagesService } from '@confidant/api/messaging';
import { ChatAck } from '@confidant/shared/api-interfaces';
import { encryptMessage } from '@confidant/shared/crypto';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Namespace, Socket } from 'socket.io';
import { ChatWorld, Pair } from '../../testing';
import { ChatGateway } from './chat.gateway';
import { ChatSessions } from './chat-sessions';

/** What a fake socket or the fake namespace sent, and to which room. */
type Sent = { room: string; event: string; payload: unknown };

/** Just enough of a socket.io socket for the handlers; records what it sends. */
class FakeSocket {
  readonly id = randomUUID();
  readonly rooms = new Set<string>();
  data: unknown = {};
  readonly sent: Sent[] = [];
  readonly disconnect = jest.fn();
  readonly on = jest.fn();
  readonly handshake: { headers: Record<string, string> };
  readonly request: { headers: Record<string, string> };

  constructor(cookie?: string, headers: Record<string, string> = {}) {
    const all = { ...(cookie ? { cookie } : {}), ...headers };
    this.handshake = { headers: all };
    this.request = { headers: all };
  }

  async join(room: string): Promise<void> {
    this.rooms.add(room);
  }

  async leave(room: string): Promise<void> {
    this.rooms.delete(room);
  }

  to(room: string) {
    return { emit: (event: string, payload: unknown) => this.sent.push({ room, event, payload }) };
  }

  get asSocket(): Socket {
    return this as unknown as Socket;
  }
}

/** The namespace's side: rooms are whatever the fake sockets joined. */
class FakeNamespace {
  readonly sockets: FakeSocket[] = [];
  readonly sent: Sent[] = [];

  in(rooms: string | string[]) {
    const members = () =>
      this.sockets.filter((socket) => [rooms].flat().some((room) => socket.rooms.has(room)));
    return {
      fetchSockets: async () => members(),
      socketsLeave: (leaving: string) =>
        members().forEach((socket) => socket.rooms.delete(leaving)),
    };
  }

  to(rooms: string | string[]) {
    return {
      emit: (event: string, payload: unknown) =>
        [rooms].flat().forEach((room) => this.sent.push({ room, event, payload })),
    };
  }
}

/** The gateway's handlers called directly, on the module with an in-memory database. */
describe('ChatGateway handlers', () => {
  let world: ChatWorld;
  let outbox: string;
  let gateway: ChatGateway;
  let namespace: FakeNamespace;

  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-gateway-'));
    // Rate limits have a test of their own (socket spec); here they would only get in the way.
    world = await ChatWorld.start(outbox, {
      eventsPerSecond: 10_000,
      eventBurst: 10_000,
      messagesPerSecond: 10_000,
      messageBurst: 10_000,
    });
    gateway = world.app.get(ChatGateway);
  });

  beforeEach(() => {
    namespace = new FakeNamespace();
    gateway.server = namespace as unknown as Namespace;
  });

  afterAll(async () => {
    await world.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  /** A socket that passed the handshake with a fresh session of the person. */
  async function connected(person: { id: string }): Promise<FakeSocket> {
    const { token } = await world.app.get(SessionService).create(person.id);
    const socket = new FakeSocket(`confidant-session=${token}`);
    await world.app.get(ChatSessions).admit(socket.asSocket);
    namespace.sockets.push(socket);
    return socket;
  }

  async function roomOf(pair: Pair) {
    await world.accepted(pair, -5);
    const counsellor = await connected(pair.counsellor);
    const client = await connected(pair.client);
    const room = { conversationId: pair.conversationId };
    expect(await gateway.join(counsellor.asSocket, room)).toMatchObject({ ok: true });
    expect(await gateway.join(client.asSocket, room)).toMatchObject({ ok: true });
    return { counsellor, client, room };
  }

  describe('the handshake', () => {
    it('needs a session cookie and, when the browser names one, the portal origin', async () => {
      const pair = await world.pair();
      const { token } = await world.app.get(SessionService).create(pair.client.id);
      const cookie = `confidant-session=${token}`;
      const sessions = world.app.get(ChatSessions);

      await expect(sessions.admit(new FakeSocket().asSocket)).rejects.toThrow('unauthorized');
      await expect(
        sessions.admit(new FakeSocket(cookie, { origin: 'https://evil.example' }).asSocket),
      ).rejects.toThrow('forbidden-origin');
      await expect(
        sessions.admit(new FakeSocket(cookie, { 'sec-fetch-site': 'cross-site' }).asSocket),
      ).rejects.toThrow('forbidden-origin');
      const admitted = new FakeSocket(cookie, { origin: 'http://portal.test' });
      await sessions.admit(admitted.asSocket);
      expect(admitted.data).toEqual({ accountId: pair.client.id, role: 'client' });
    });
  });

  it('answers any payload of any event with an acknowledgement, never an exception', async () => {
    const pair = await world.pair();
    const socket = await connected(pair.client);
    const handlers = [
      gateway.watch,
      gateway.unwatch,
      gateway.join,
      gateway.leave,
      gateway.message,
      gateway.typing,
      gateway.delivered,
      gateway.end,
    ].map((handler) => handler.bind(gateway));

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...handlers),
        fc.oneof(
          fc.anything(),
          fc.record({ conversationId: fc.string(), id: fc.anything(), envelope: fc.anything() }),
        ),
        async (handler, payload) => {
          const ack = (await handler(socket.asSocket, payload)) as ChatAck;
          expect(ack).toMatchObject({ ok: false, error: 'bad-request' });
        },
      ),
      { numRuns: 150 },
    );
    expect(socket.sent).toEqual([]);
  }, 30_000);

  it('stores a message as chat before the others in the room get it', async () => {
    const pair = await world.pair();
    const { client, counsellor } = await roomOf(pair);
    const outgoing = await world.message(pair.client, pair, 'Hallo');

    const ack = await gateway.message(client.asSocket, outgoing);

    expect(ack).toMatchObject({ ok: true, message: { id: outgoing.id, kind: 'chat' } });
    expect(client.sent).toEqual([
      {
        room: `chat:${pair.conversationId}`,
        event: 'message',
        payload: ack.ok ? ack.message : null,
      },
    ]);
    expect(counsellor.sent).toEqual([]); // her copy goes through the room, not from her socket
    const page = await pair.counsellor.http
      .get(`/conversations/${pair.conversationId}/messages`)
      .expect(200);
    expect(page.body.at(-1)).toMatchObject({ id: outgoing.id, kind: 'chat' });
  });

  it("keeps one socket's messages in the order she sent them", async () => {
    const pair = await world.pair();
    const { client } = await roomOf(pair);
    const outgoing = await Promise.all(
      ['eins', 'zwei', 'drei', 'vier', 'fünf'].map((text) =>
        world.message(pair.client, pair, text),
      ),
    );

    // The first one takes longest to store; it must still go out first.
    const messages = world.app.get(MessagesService);
    const store = messages.postMany.bind(messages);
    const post = jest.spyOn(messages, 'postMany').mockImplementationOnce(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return store(...args);
    });

    await Promise.all(outgoing.map((message) => gateway.message(client.asSocket, message)));
    post.mockRestore();

    expect(client.sent.map((sent) => (sent.payload as { id: string }).id)).toEqual(
      outgoing.map((message) => message.id),
    );
  });

  it('refuses messages to a room she has not joined, and to a room that is not open', async () => {
    const pair = await world.pair();
    const client = await connected(pair.client);
    const outgoing = await world.message(pair.client, pair, 'Hallo');

    expect(await gateway.message(client.asSocket, outgoing)).toMatchObject({
      ok: false,
      error: 'not-joined',
    });
    client.rooms.add(`chat:${pair.conversationId}`); // as if she had joined before it closed
    expect(await gateway.message(client.asSocket, outgoing)).toMatchObject({
      ok: false,
      error: 'not-open',
    });
    const room = { conversationId: pair.conversationId };
    expect(await gateway.typing(client.asSocket, room)).toMatchObject({ error: 'not-open' });
    expect(await gateway.delivered(client.asSocket, { ...room, id: outgoing.id })).toMatchObject({
      error: 'not-open',
    });
    expect(client.sent).toEqual([]);
  });

  it('passes typing and delivery notes of the room on to the others, checked like messages', async () => {
    const pair = await world.pair();
    const { client, counsellor, room } = await roomOf(pair);
    const stranger = await world.pair();
    const outsider = await connected(stranger.client);
    outsider.rooms.add(`chat:${pair.conversationId}`); // as if she had slipped into the room

    const [typing, delivered, foreign] = await Promise.all([
      gateway.typing(client.asSocket, room),
      gateway.delivered(counsellor.asSocket, { ...room, id: randomUUID() }),
      gateway.typing(outsider.asSocket, room),
    ]);

    expect([typing, delivered]).toEqual([{ ok: true }, { ok: true }]);
    expect(foreign).toMatchObject({ ok: false, error: 'not-found' });
    expect(client.sent).toEqual([
      {
        room: `chat:${pair.conversationId}`,
        event: 'typing',
        payload: { conversationId: pair.conversationId, accountId: pair.client.id, role: 'client' },
      },
    ]);
    expect(counsellor.sent.map((sent) => sent.event)).toEqual(['delivered']);
    expect(outsider.sent).toEqual([]);
  });

  it('answers a failure inside with "internal", without details, and goes on', async () => {
    const pair = await world.pair();
    const { client } = await roomOf(pair);
    const post = jest
      .spyOn(world.app.get(MessagesService), 'postMany')
      .mockRejectedValueOnce(new Error('SQLITE_IOERR: disk I/O error at /var/data'));

    const failed = await gateway.message(
      client.asSocket,
      await world.message(pair.client, pair, 'eins'),
    );
    const next = await gateway.message(
      client.asSocket,
      await world.message(pair.client, pair, 'zwei'),
    );

    expect(failed).toEqual({
      ok: false,
      error: 'internal',
      message: 'Something went wrong; please try again.',
    });
    expect(next).toMatchObject({ ok: true });
    post.mockRestore();
  });

  it('refuses every event once the session is gone, and disconnects', async () => {
    const pair = await world.pair();
    const { client, room } = await roomOf(pair);
    const sessions = world.app.get(SessionService);
    await sessions.destroyAll(pair.client.id);
    await new Promise((resolve) => setImmediate(resolve));

    expect(client.disconnect).toHaveBeenCalledWith(true);
    expect(await gateway.typing(client.asSocket, room)).toMatchObject({
      ok: false,
      error: 'unauthorized',
    });
  });

  it('ends the chat for everyone in the room when the counsellor ends it', async () => {
    const pair = await world.pair();
    const { client, counsellor, room } = await roomOf(pair);

    expect(await gateway.end(client.asSocket, room)).toMatchObject({ error: 'forbidden' });
    const ended = await gateway.end(counsellor.asSocket, room);

    expect(ended).toMatchObject({ ok: true, appointment: { room: 'ended' } });
    expect(namespace.sent.map((sent) => sent.event)).toContain('ended');
    expect(client.rooms.has(`chat:${pair.conversationId}`)).toBe(false);
    expect(counsellor.rooms.has(`chat:${pair.conversationId}`)).toBe(false);
  });

  it('closes an open room when its appointment is cancelled', async () => {
    const pair = await world.pair();
    const { client } = await roomOf(pair);
    const [appointment] = (
      await pair.client.http.get(`/conversations/${pair.conversationId}/appointments`).expect(200)
    ).body;
    const reason = await encryptMessage(
      pair.key,
      { conversationId: pair.conversationId, messageId: appointment.id, senderId: pair.client.id },
      { text: 'Ich muss weg.' },
    );

    await pair.client.http
      .post(`/appointments/${appointment.id}/cancel`)
      .send({ reason })
      .expect(200);

    expect(namespace.sent.find((sent) => sent.event === 'ended')).toMatchObject({
      room: `chat:${pair.conversationId}`,
      payload: { appointmentId: appointment.id, reason: 'cancelled' },
    });
    expect(client.rooms.has(`chat:${pair.conversationId}`)).toBe(false);
  });

  it('takes a counsellor whom a lead replaced out of the room and the waiting room at once', async () => {
    const pair = await world.pair();
    const { client, counsellor, room } = await roomOf(pair);
    expect(await gateway.watch(counsellor.asSocket, room)).toMatchObject({ ok: true });
    const successor = await world.messaging.counsellor();

    await world.messaging.leadPerson.http
      .post(`/conversations/${pair.conversationId}/assign`)
      .send({ counsellorId: successor.id })
      .expect(200);
    for (let i = 0; i < 20 && counsellor.rooms.size > 0; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect([...counsellor.rooms]).toEqual([]);
    expect(client.rooms.has(`chat:${pair.conversationId}`)).toBe(true);
    expect(namespace.sent.at(-1)).toEqual({
      room: `chat:${pair.conversationId}`,
      event: 'presence',
      payload: {
        conversationId: pair.conversationId,
        present: [{ accountId: pair.client.id, role: 'client' }],
      },
    });
    const late = await world.message(pair.counsellor, pair, 'Noch da?');
    expect(await gateway.message(counsellor.asSocket, late)).toMatchObject({
      ok: false,
      error: 'not-joined',
    });
  });

  it('tells the room who is present, once per account', async () => {
    const pair = await world.pair();
    const { counsellor, room } = await roomOf(pair);
    const secondTab = await connected(pair.client);

    const joined = await gateway.join(secondTab.asSocket, room);

    expect(joined.ok && joined.present.map((p) => p.accountId).sort()).toEqual(
      [pair.client.id, pair.counsellor.id].sort(),
    );
    expect(namespace.sent.at(-1)).toMatchObject({ event: 'presence' });
    expect(counsellor.rooms.has(`chat:${pair.conversationId}`)).toBe(true);
  });
});
