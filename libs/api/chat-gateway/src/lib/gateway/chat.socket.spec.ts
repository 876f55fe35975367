import { getRepositoryToken } from '@nestjs/typeorm';
import { AccountErasure, SessionEntity, SessionService } from '@confidant/api/auth';
import { ChatMessage, ChatPresence } from '@confidant/shared/api-interfaces';
import { decryptMessage, toBase64Url } from '@confidant/shared/crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket } from 'socket.io-client';
import request from 'supertest';
import { Repository } from 'typeorm';
import { ask, ChatWorld, next, Pair } from '../../testing';
import { ChatGateway } from './chat.gateway';

/** socket.io-client against `app.listen(0)`: the gateway as browsers meet it. */
describe('the /chat socket', () => {
  let world: ChatWorld;
  let outbox: string;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-chat-'));
    world = await ChatWorld.start(outbox);
  });

  afterEach(async () => {
    await world.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  /** Both in the open room of an appointment that started a few minutes ago. */
  async function inRoom(pair: Pair) {
    await world.accepted(pair, -5);
    const counsellor = await world.connectAs(pair.counsellor);
    const client = await world.connectAs(pair.client);
    expect(await ask(counsellor, 'join', { conversationId: pair.conversationId })).toMatchObject({
      ok: true,
    });
    expect(await ask(client, 'join', { conversationId: pair.conversationId })).toMatchObject({
      ok: true,
    });
    return { counsellor, client };
  }

  const disconnected = (socket: Socket) =>
    new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

  describe('handshake', () => {
    it('refuses a socket without a session', async () => {
      await expect(world.connect()).rejects.toThrow('unauthorized');
      await expect(world.connect('confidant-session=' + 'A'.repeat(43))).rejects.toThrow(
        'unauthorized',
      );
    });

    it('refuses a socket from another origin, even with a session', async () => {
      const pair = await world.pair();
      const { cookie } = await world.cookieFor(pair.client);

      await expect(world.connect(cookie, { origin: 'https://evil.example' })).rejects.toThrow(
        'forbidden-origin',
      );
      const socket = await world.connect(cookie, { origin: 'http://portal.test' });
      expect(socket.connected).toBe(true);
    });
  });

  describe('joining', () => {
    it("refuses another client's room as if it did not exist", async () => {
      const pair = await world.pair();
      await world.accepted(pair, -5);
      await ask(await world.connectAs(pair.counsellor), 'join', {
        conversationId: pair.conversationId,
      });
      const stranger = await world.connectAs(await world.messaging.client());
      const otherCounsellor = await world.connectAs(await world.messaging.counsellor());

      for (const socket of [stranger, otherCounsellor]) {
        expect(await ask(socket, 'join', { conversationId: pair.conversationId })).toMatchObject({
          ok: false,
          error: 'not-found',
        });
        expect(await ask(socket, 'watch', { conversationId: pair.conversationId })).toMatchObject({
          ok: false,
          error: 'not-found',
        });
      }
    });

    it('refuses outside an open appointment', async () => {
      const pair = await world.pair();
      const client = await world.connectAs(pair.client);
      const counsellor = await world.connectAs(pair.counsellor);
      const room = { conversationId: pair.conversationId };

      expect(await ask(counsellor, 'join', room)).toMatchObject({ ok: false, error: 'not-open' });
      const later = await world.accepted(pair, 60);
      expect(await ask(counsellor, 'join', room)).toMatchObject({ ok: false, error: 'not-open' });
      await world.moveStart(later, 5);
      // Due, but the counsellor has not opened it: the client waits.
      expect(await ask(client, 'join', room)).toMatchObject({ ok: false, error: 'not-open' });
      expect(await ask(counsellor, 'join', room)).toMatchObject({ ok: true });
      expect(await ask(client, 'join', room)).toMatchObject({ ok: true });
      await world.moveStart(later, -61);
      expect(
        await ask(client, 'message', await world.message(pair.client, pair, 'zu spät')),
      ).toMatchObject({ ok: false, error: 'not-open' });
    });

    it('tells the waiting client when her counsellor opens the room, and who is there', async () => {
      const pair = await world.pair();
      await world.accepted(pair, 8);
      const client = await world.connectAs(pair.client);
      const counsellor = await world.connectAs(pair.counsellor);
      const watching = await ask<{ appointments: { room: string }[] }>(client, 'watch', {
        conversationId: pair.conversationId,
      });
      expect(watching.appointments.map((a) => a.room)).toEqual(['openable']);

      const opened = next<{ room: string }>(client, 'appointment');
      await ask(counsellor, 'join', { conversationId: pair.conversationId });

      expect((await opened).room).toBe('open');
      const presence = next<ChatPresence>(counsellor, 'presence');
      const joined = await ask<{ present: { accountId: string }[] }>(client, 'join', {
        conversationId: pair.conversationId,
      });
      const ids = [pair.client.id, pair.counsellor.id].sort();
      expect(joined.present.map((p) => p.accountId).sort()).toEqual(ids);
      expect((await presence).present.map((p) => p.accountId).sort()).toEqual(ids);
    });
  });

  describe('messages', () => {
    it('are delivered to the other side, encrypted end to end', async () => {
      const pair = await world.pair();
      const { counsellor, client } = await inRoom(pair);
      const outgoing = await world.message(pair.client, pair, 'Hallo, ich bin da.');

      const arriving = next<ChatMessage>(counsellor, 'message');
      const ack = await ask<{ message: ChatMessage }>(client, 'message', outgoing);

      expect(ack).toMatchObject({ ok: true, message: { id: outgoing.id, kind: 'chat' } });
      const received = await arriving;
      expect(received).toEqual(ack.message);
      expect(received).toMatchObject({
        conversationId: pair.conversationId,
        senderId: pair.client.id,
        senderRole: 'client',
      });
      const key = await world.messaging.conversationKey(pair.counsellor, pair.conversationId);
      const plain = await decryptMessage(
        key,
        { conversationId: pair.conversationId, messageId: received.id, senderId: pair.client.id },
        received.envelope,
      );
      expect(plain).toEqual({ text: 'Hallo, ich bin da.' });
    });

    it('are stored in the thread as kind chat, once per id', async () => {
      const pair = await world.pair();
      const { counsellor, client } = await inRoom(pair);
      const first = await world.message(pair.client, pair, 'Erste Chatnachricht');
      const answer = await world.message(pair.counsellor, pair, 'Antwort im Chat');

      await ask(client, 'message', first);
      await ask(client, 'message', first); // a retry after a lost acknowledgement
      await ask(counsellor, 'message', answer);

      const key = await world.messaging.conversationKey(pair.client, pair.conversationId);
      expect(await world.messaging.read(pair.client, pair.conversationId, key)).toEqual([
        'Ich möchte chatten.',
        'Erste Chatnachricht',
        'Antwort im Chat',
      ]);
      const page = await pair.client.http
        .get(`/conversations/${pair.conversationId}/messages`)
        .expect(200);
      expect(page.body.map((m: { kind: string }) => m.kind)).toEqual(['message', 'chat', 'chat']);
    });

    it('missed while disconnected are fetched by id on reconnection', async () => {
      const pair = await world.pair();
      const { counsellor, client } = await inRoom(pair);
      const seen = await ask<{ message: ChatMessage }>(
        client,
        'message',
        await world.message(pair.client, pair, 'Bin gleich zurück'),
      );
      const left = next<ChatPresence>(counsellor, 'presence');
      client.disconnect();
      expect((await left).present).toEqual([{ accountId: pair.counsellor.id, role: 'counsellor' }]);
      await ask(counsellor, 'message', await world.message(pair.counsellor, pair, 'Eins'));
      await ask(counsellor, 'message', await world.message(pair.counsellor, pair, 'Zwei'));

      const again = await world.connectAs(pair.client);
      const joined = await ask<{ missed: ChatMessage[] }>(again, 'join', {
        conversationId: pair.conversationId,
        after: seen.message.id,
      });

      const key = await world.messaging.conversationKey(pair.client, pair.conversationId);
      const texts = await Promise.all(
        joined.missed.map(
          async (m) =>
            (
              await decryptMessage(
                key,
                {
                  conversationId: pair.conversationId,
                  messageId: m.id,
                  senderId: m.senderId ?? '',
                },
                m.envelope,
              )
            ).text,
        ),
      );
      expect(texts).toEqual(['Eins', 'Zwei']);
    });

    it('refuses an envelope over 64 KB and malformed events, and goes on working', async () => {
      const pair = await world.pair();
      const { counsellor, client } = await inRoom(pair);
      const big = await world.message(pair.client, pair, 'x');
      big.envelope.ct = toBase64Url(randomBytes(70 * 1024));

      expect(await ask(client, 'message', big)).toMatchObject({ ok: false, error: 'too-large' });
      for (const payload of [
        null,
        'hallo',
        [1, 2],
        { conversationId: pair.conversationId },
        { conversationId: pair.conversationId, id: 'x', envelope: {} },
        { ...(await world.message(pair.client, pair, 'x')), extra: true },
      ]) {
        expect(await ask(client, 'message', payload)).toMatchObject({
          ok: false,
          error: 'bad-request',
        });
      }
      client.emit('message', { nonsense: true }); // without an acknowledgement
      client.emit('no-such-event', 1, 2, 3);

      const arriving = next<ChatMessage>(counsellor, 'message');
      const ok = await ask(client, 'message', await world.message(pair.client, pair, 'Noch da'));
      expect(ok).toMatchObject({ ok: true });
      expect((await arriving).senderId).toBe(pair.client.id);
    });

    it('show typing to the other side', async () => {
      const pair = await world.pair();
      const { counsellor, client } = await inRoom(pair);

      const typing = next(counsellor, 'typing');
      expect(await ask(client, 'typing', { conversationId: pair.conversationId })).toEqual({
        ok: true,
      });

      expect(await typing).toEqual({
        conversationId: pair.conversationId,
        accountId: pair.client.id,
        role: 'client',
      });
    });
  });

  it('the counsellor ends the chat for both; the client cannot', async () => {
    const pair = await world.pair();
    const { counsellor, client } = await inRoom(pair);
    const room = { conversationId: pair.conversationId };

    expect(await ask(client, 'end', room)).toMatchObject({ ok: false, error: 'forbidden' });
    const endedForClient = next<{ reason: string }>(client, 'ended');
    const endedForCounsellor = next(counsellor, 'ended');
    expect(await ask(counsellor, 'end', room)).toMatchObject({
      ok: true,
      appointment: { room: 'ended' },
    });

    expect((await endedForClient).reason).toBe('ended');
    await endedForCounsellor;
    expect(
      await ask(client, 'message', await world.message(pair.client, pair, 'Hallo?')),
    ).toMatchObject({ ok: false, error: 'not-joined' });
    expect(await ask(client, 'join', room)).toMatchObject({ ok: false, error: 'not-open' });
  });

  it('takes a counsellor whom a lead replaced out of the room at once: she hears nothing more', async () => {
    const pair = await world.pair();
    const { counsellor, client } = await inRoom(pair);
    const successor = await world.messaging.counsellor();
    const heard: ChatMessage[] = [];
    counsellor.on('message', (message: ChatMessage) => heard.push(message));
    const left = next<ChatPresence>(client, 'presence');

    await world.messaging.leadPerson.http
      .post(`/conversations/${pair.conversationId}/assign`)
      .send({ counsellorId: successor.id })
      .expect(200);

    expect((await left).present).toEqual([{ accountId: pair.client.id, role: 'client' }]);
    const outgoing = await world.message(pair.client, pair, 'Sind Sie noch da?');
    expect(await ask(client, 'message', outgoing)).toMatchObject({ ok: true });
    // A round trip on her former counsellor's own socket: a line relayed to her would have
    // arrived before its answer.
    expect(await ask(counsellor, 'join', { conversationId: pair.conversationId })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
    expect(heard).toEqual([]);
  });

  it('closes the room when the appointment is over', async () => {
    const pair = await world.pair();
    const id = await world.accepted(pair, 5, 60);
    await world.moveStart(id, -59.99); // less than a second left
    const client = await world.connectAs(pair.client);
    const counsellor = await world.connectAs(pair.counsellor);
    await ask(counsellor, 'join', { conversationId: pair.conversationId });
    await ask(client, 'join', { conversationId: pair.conversationId });

    const ended = await next<{ reason: string; appointmentId: string }>(client, 'ended');

    expect(ended).toMatchObject({ reason: 'time-over', appointmentId: id });
    expect(await ask(counsellor, 'typing', { conversationId: pair.conversationId })).toMatchObject({
      ok: false,
      error: 'not-joined',
    });
  });

  describe('session end', () => {
    it('disconnects the socket at logout', async () => {
      const pair = await world.pair();
      await world.accepted(pair, -5);
      const { cookie } = await world.cookieFor(pair.client);
      const socket = await world.connect(cookie);
      const gone = disconnected(socket);

      await request(world.app.getHttpServer())
        .post('/auth/logout')
        .set('Cookie', cookie)
        .expect(204);

      expect(await gone).toBe('io server disconnect');
    });

    it('disconnects every socket of a counsellor whose sessions are ended (deactivation)', async () => {
      const pair = await world.pair();
      const first = await world.connectAs(pair.counsellor);
      const second = await world.connectAs(pair.counsellor);
      const client = await world.connectAs(pair.client);
      const gone = Promise.all([disconnected(first), disconnected(second)]);

      await world.app.get(SessionService).destroyAll(pair.counsellor.id);

      expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
      expect(client.connected).toBe(true);
    });

    it('disconnects the sockets of an erased account', async () => {
      const pair = await world.pair();
      const socket = await world.connectAs(pair.client);
      const gone = disconnected(socket);

      await world.app.get(AccountErasure).erase([pair.client.id]);

      expect(await gone).toBe('io server disconnect');
    });

    it('disconnects when the session expires, and refuses events of an expired session', async () => {
      const pair = await world.pair();
      const sessions = world.app.get<Repository<SessionEntity>>(getRepositoryToken(SessionEntity));
      // A session two seconds before its absolute end of 12 hours.
      const { token } = await world.app
        .get(SessionService)
        .create(pair.client.id, new Date(Date.now() - 12 * 3_600_000 + 2000));
      await sessions.update({ accountId: pair.client.id }, { lastSeenAt: new Date() });
      const expiring = await world.connect(`confidant-session=${token}`);
      const gone = disconnected(expiring);
      const idle = await world.connectAs(pair.counsellor);

      await sessions.update(
        { accountId: pair.counsellor.id },
        { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
      );
      const refused = await ask(idle, 'watch', { conversationId: pair.conversationId });

      expect(refused).toMatchObject({ ok: false, error: 'unauthorized' });
      expect(await gone).toBe('io server disconnect');
    }, 10_000);
  });

  describe('limits', () => {
    /** The handshakes' outcomes: the sockets connected, and the refusals' messages. */
    async function outcomes(attempts: Promise<Socket>[]) {
      const results = await Promise.allSettled(attempts);
      return {
        sockets: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
        refusals: results.flatMap((r) =>
          r.status === 'rejected' ? [(r.reason as Error).message] : [],
        ),
      };
    }
    const count = (values: string[], value: string) => values.filter((v) => v === value).length;

    /** Resolves once the server has let the socket go (its own disconnect handling ran). */
    const released = (socket: Socket) => {
      const server = world.app.get(ChatGateway).server.sockets.get(socket.id as string);
      return new Promise<void>((resolve) => server?.once('disconnect', () => resolve()));
    };

    it('admits three sockets per session and ten per account; a further one is refused, the others stay', async () => {
      const pair = await world.pair();
      const { cookie } = await world.cookieFor(pair.client);

      const first = await outcomes(Array.from({ length: 20 }, () => world.connect(cookie)));

      expect(first.sockets).toHaveLength(3);
      expect(count(first.refusals, 'too-many-connections')).toBe(17);
      const open = first.sockets;
      // The chat goes on in the tabs that were there.
      expect(await ask(open[0], 'watch', { conversationId: pair.conversationId })).toMatchObject({
        ok: true,
      });
      // A closed tab frees its place.
      const gone = released(open[0]);
      open[0].disconnect();
      await gone;
      await expect(world.connect(cookie)).resolves.toMatchObject({ connected: true });
      await expect(world.connect(cookie)).rejects.toThrow('too-many-connections');

      // Other logins of the same account have places of their own, up to ten sockets in all.
      const more = await outcomes(
        [1, 2, 3].flatMap(() => {
          const login = world.cookieFor(pair.client).then((c) => c.cookie);
          return [1, 2, 3].map(() => login.then((c) => world.connect(c)));
        }),
      );
      expect(more.sockets).toHaveLength(7);
      expect(more.refusals).toEqual(['too-many-connections', 'too-many-connections']);
      // Someone else is not affected.
      await expect(world.connectAs(pair.counsellor)).resolves.toMatchObject({ connected: true });
    });

    it('lets a reconnecting tab replace its previous socket of the same session', async () => {
      const pair = await world.pair();
      const { cookie } = await world.cookieFor(pair.client);
      const [stale] = await Promise.all([1, 2, 3].map(() => world.connect(cookie)));
      const other = await world.connect((await world.cookieFor(pair.client)).cookie);
      const kicked = disconnected(stale);

      // Another session's socket cannot be named.
      await expect(world.connect(cookie, {}, { previous: other.id })).rejects.toThrow(
        'too-many-connections',
      );
      const again = await world.connect(cookie, {}, { previous: stale.id });

      expect(again.connected).toBe(true);
      expect(await kicked).toBe('io server disconnect');
      expect(other.connected).toBe(true);
    });

    it('limits the messages of an account over all her sockets and sessions; others still write', async () => {
      await world.close();
      world = await ChatWorld.start(outbox, { messagesPerSecond: 0.01, messageBurst: 5 });
      const pair = await world.pair();
      await world.accepted(pair, -5);
      const room = { conversationId: pair.conversationId };
      const counsellor = await world.connectAs(pair.counsellor);
      expect(await ask(counsellor, 'join', room)).toMatchObject({ ok: true });
      const { cookie } = await world.cookieFor(pair.client);
      const sockets = [
        ...(await Promise.all([1, 2, 3].map(() => world.connect(cookie)))),
        await world.connectAs(pair.client),
      ];
      for (const socket of sockets) {
        expect(await ask(socket, 'join', room)).toMatchObject({ ok: true });
      }

      const answers = await Promise.all(
        sockets.flatMap((socket) =>
          [1, 2, 3].map(async () =>
            ask(socket, 'message', await world.message(pair.client, pair, 'Hallo')),
          ),
        ),
      );

      const errors = answers.map((a) => a.error ?? 'ok');
      expect(count(errors, 'ok')).toBe(5);
      expect(count(errors, 'rate-limited')).toBe(7);
      const key = await world.messaging.conversationKey(pair.client, pair.conversationId);
      expect(await world.messaging.read(pair.client, pair.conversationId, key)).toHaveLength(1 + 5);
      // Typing is no message: it still passes.
      expect(await ask(sockets[0], 'typing', room)).toEqual({ ok: true });
      expect(
        await ask(counsellor, 'message', await world.message(pair.counsellor, pair, 'Ich bin da')),
      ).toMatchObject({ ok: true });
    });

    it('limits the events of an account over all her sockets and sessions; others are not affected', async () => {
      await world.close();
      world = await ChatWorld.start(outbox, { eventsPerSecond: 0.01, eventBurst: 5 });
      const pair = await world.pair();
      const { cookie } = await world.cookieFor(pair.client);
      const sockets = [
        await world.connect(cookie),
        await world.connect(cookie),
        await world.connectAs(pair.client),
      ];
      const room = { conversationId: pair.conversationId };

      const answers = await Promise.all(
        sockets.flatMap((socket) => [1, 2, 3].map(() => ask(socket, 'watch', room))),
      );

      const errors = answers.map((a) => a.error ?? 'ok');
      expect(count(errors, 'ok')).toBe(5);
      expect(count(errors, 'rate-limited')).toBe(4);
      expect(await ask(await world.connectAs(pair.counsellor), 'watch', room)).toMatchObject({
        ok: true,
      });
    });
  });
});
