import { AccountEntity, AccountService } from '@confidant/api/auth';
import { readOutbox } from '@confidant/api/mail/testing';
import { encryptMessage } from '@confidant/shared/crypto';
import { makeIdentity } from '@confidant/api/auth/testing';
import {
  decryptMessage,
  fromBase64Url,
  openConversationKey,
  resealConversationKey,
} from '@confidant/shared/crypto';
import { getRepositoryToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Repository } from 'typeorm';
import { MessagingWorld, Person } from '../testing';
import { ConversationEntity } from './conversations/conversation.entity';
import { ConversationAccess } from './conversations/conversation-access';
import { ConversationEvents, CounsellorChanged } from './conversations/conversation-events';
import { MessageEntity } from './messages/message.entity';
import { MessagesService, NewPost } from './messages/messages.service';
import { ReplyNoticeService } from './notices/reply-notice.service';

describe('MessagingModule', () => {
  let world: MessagingWorld;
  let outbox: string;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-messaging-'));
    world = await MessagingWorld.start(outbox);
  });

  afterEach(async () => {
    await world.app.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const conversationRows = () =>
    world.app.get<Repository<ConversationEntity>>(getRepositoryToken(ConversationEntity));
  const messageRows = () =>
    world.app.get<Repository<MessageEntity>>(getRepositoryToken(MessageEntity));

  async function openEnquiry(client: Person, text = 'Ich brauche Hilfe.') {
    const enquiry = await world.enquiry(client, text, 'Gewalt');
    await client.http.post('/conversations').send(enquiry.body).expect(201);
    return enquiry;
  }

  describe('a client writes an enquiry', () => {
    it('stores keys and first message together; she sees it waiting and can read it', async () => {
      const client = await world.client();
      const enquiry = await world.enquiry(client, 'Ich habe Angst zu Hause.', 'Gewalt');

      const created = await client.http.post('/conversations').send(enquiry.body).expect(201);

      expect(created.body.conversation).toMatchObject({
        id: enquiry.conversationId,
        topic: 'Gewalt',
        state: 'waiting-for-counsellor',
        counsellorName: null,
      });
      const list = await client.http.get('/conversations').expect(200);
      expect(list.body.map((c: { id: string }) => c.id)).toEqual([enquiry.conversationId]);
      const key = await world.conversationKey(client, enquiry.conversationId);
      expect(await world.read(client, enquiry.conversationId, key)).toEqual([
        'Ich habe Angst zu Hause.',
      ]);
    });

    it('answers a retry with the same conversation and stores nothing twice', async () => {
      const client = await world.client();
      const enquiry = await world.enquiry(client, 'Hallo');
      await client.http.post('/conversations').send(enquiry.body).expect(201);

      const again = await client.http.post('/conversations').send(enquiry.body).expect(200);

      expect(again.body.conversation.id).toBe(enquiry.conversationId);
      expect(await conversationRows().count()).toBe(1);
      expect(await messageRows().count()).toBe(1);
    });

    it('leaves nothing behind when the first message cannot be stored', async () => {
      const client = await world.client();
      const first = await openEnquiry(client);
      const second = await world.enquiry(client, 'Zweite Anfrage');
      second.body.message.id = first.body.message.id;

      await client.http.post('/conversations').send(second.body).expect(409);

      expect(await conversationRows().count()).toBe(1);
    });

    it('refuses malformed envelopes with 400 and messages over 64 KB with 413', async () => {
      const client = await world.client();
      const enquiry = await world.enquiry(client, 'x');
      await client.http
        .post('/conversations')
        .send({ ...enquiry.body, keys: { client: { v: 1 }, team: enquiry.body.keys.team } })
        .expect(400);
      const big = await world.enquiry(client, 'x'.repeat(70 * 1024));

      const response = await client.http.post('/conversations').send(big.body).expect(413);

      expect(response.body.message).toContain('64 KB');
      expect(await conversationRows().count()).toBe(0);
    });
  });

  describe('counsellors', () => {
    it('see the queue only with the team key, take over, read and answer', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client, 'Mein Partner bedroht mich.');
      const counsellor = await world.counsellor();
      const newcomer = await world.counsellor(false);

      expect((await newcomer.http.get('/conversations/queue').expect(200)).body).toEqual([]);
      await newcomer.http.get(`/conversations/${enquiry.conversationId}`).expect(404);
      const queue = await counsellor.http.get('/conversations/queue').expect(200);
      expect(queue.body).toHaveLength(1);
      expect(queue.body[0]).toMatchObject({
        id: enquiry.conversationId,
        state: 'waiting-for-counsellor',
      });

      await counsellor.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({})
        .expect(200);
      const key = await world.conversationKey(counsellor, enquiry.conversationId);
      expect(await world.read(counsellor, enquiry.conversationId, key)).toEqual([
        'Mein Partner bedroht mich.',
      ]);
      await world
        .write(counsellor, enquiry.conversationId, key, 'Danke, dass Sie schreiben.')
        .then((r) => expect(r.status).toBe(201));

      const clientKey = await world.conversationKey(client, enquiry.conversationId);
      expect(await world.read(client, enquiry.conversationId, clientKey)).toEqual([
        'Mein Partner bedroht mich.',
        'Danke, dass Sie schreiben.',
      ]);
      const list = await client.http.get('/conversations').expect(200);
      expect(list.body[0]).toMatchObject({ state: 'waiting-for-client', unread: 1 });
      expect(list.body[0].counsellorName).toMatch(/^Frau counsellor-/);
      expect((await counsellor.http.get('/conversations/queue')).body).toEqual([]);
    });

    it('when two take the same enquiry at once, one wins and the other is refused', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const first = await world.counsellor();
      const second = await world.counsellor();

      const results = await Promise.all([
        first.http.post(`/conversations/${enquiry.conversationId}/assign`).send({}),
        second.http.post(`/conversations/${enquiry.conversationId}/assign`).send({}),
      ]);

      // The loser hears 409 when both passed the access check before the winner's update, and 404
      // when her check came after it: then the conversation is no longer hers to see (the web app
      // says "a colleague has just taken it over" for both).
      const statuses = results.map((result) => result.status).sort();
      expect(statuses[0]).toBe(200);
      expect([404, 409]).toContain(statuses[1]);
      const loser = results.find((result) => result.status !== 200);
      expect(loser?.body.message).toMatch(/already taken|no such conversation/);
      expect(
        (await conversationRows().findOneByOrFail({ id: enquiry.conversationId })).counsellorId,
      ).toBe(results[0].status === 200 ? first.id : second.id);
    });

    it('close the counselling; a new message from the client reopens it with the same counsellor', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const counsellor = await world.counsellor();
      await counsellor.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({})
        .expect(200);

      const closed = await counsellor.http
        .post(`/conversations/${enquiry.conversationId}/close`)
        .expect(200);
      expect(closed.body.state).toBe('closed');
      const key = await world.conversationKey(client, enquiry.conversationId);
      expect(
        (await world.write(client, enquiry.conversationId, key, 'Es ist wieder passiert.')).status,
      ).toBe(201);

      const list = await counsellor.http.get('/conversations').expect(200);
      expect(list.body[0]).toMatchObject({
        id: enquiry.conversationId,
        state: 'waiting-for-counsellor',
        counsellorId: counsellor.id,
      });
      expect(await world.read(client, enquiry.conversationId, key)).toEqual([
        'Ich brauche Hilfe.',
        '[closed]',
        'Es ist wieder passiert.',
      ]);
    });

    it('a lead reassigns; the client sees a neutral note that her counsellor changed', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const first = await world.counsellor();
      const second = await world.counsellor();
      await first.http.post(`/conversations/${enquiry.conversationId}/assign`).send({}).expect(200);

      const changes: CounsellorChanged[] = [];
      world.app.get(ConversationEvents).onCounsellorChanged((change) => changes.push(change));

      await first.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({ counsellorId: second.id })
        .expect(404);
      await world.leadPerson.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({ counsellorId: second.id })
        .expect(200);

      // The chat takes the first one out of the conversation's room when it learns this.
      expect(changes).toEqual([
        { conversationId: enquiry.conversationId, previous: first.id, next: second.id },
      ]);

      await first.http.get(`/conversations/${enquiry.conversationId}`).expect(404);
      const key = await world.conversationKey(client, enquiry.conversationId);
      expect(await world.read(client, enquiry.conversationId, key)).toEqual([
        'Ich brauche Hilfe.',
        '[counsellor-changed]',
      ]);
    });
  });

  describe('ids', () => {
    const NIL = '00000000-0000-0000-0000-000000000000';

    it('name one conversation whatever the case in a path; a new one takes its sealed spelling only', async () => {
      const client = await world.client();
      const enquiry = await world.enquiry(client, 'Hallo', 'Gewalt');
      const upper = enquiry.conversationId.toUpperCase();

      // The id is sealed into the first message: stored as ABC… it would never open as abc….
      const refused = await client.http
        .post('/conversations')
        .send({ ...enquiry.body, id: upper })
        .expect(400);
      const created = await client.http.post('/conversations').send(enquiry.body).expect(201);
      const detail = await client.http.get(`/conversations/${upper}`).expect(200);

      expect(refused.body.message).toEqual(['id must be a UUID in lower case']);
      expect(created.body.conversation.id).toBe(enquiry.conversationId);
      expect(detail.body.id).toBe(enquiry.conversationId);
      expect(await conversationRows().count()).toBe(1);
      expect(await messageRows().count()).toBe(1);
    });

    it('refuse the nil UUID and anything that is not a UUID with 400, storing nothing', async () => {
      const client = await world.client();
      const counsellor = await world.counsellor();
      const enquiry = await openEnquiry(client);
      const id = enquiry.conversationId;
      const envelope = enquiry.body.message.envelope;
      const fresh = await world.enquiry(client, 'Zweite', 'Gewalt');

      const refused = [
        await client.http.post('/conversations').send({ ...fresh.body, id: NIL }),
        await client.http
          .post('/conversations')
          .send({ ...fresh.body, message: { ...fresh.body.message, id: NIL } }),
        await client.http.post(`/conversations/${id}/messages`).send({ id: NIL, envelope }),
        await client.http.post(`/conversations/${id}/messages`).send({ id: `${id}0`, envelope }),
        await client.http.post(`/conversations/${id}/read`).send({ upTo: NIL }),
        await client.http.get(`/conversations/${id}/messages?before=${NIL}`),
        await client.http
          .post(`/conversations/${NIL}/messages`)
          .send({ id: randomUUID(), envelope }),
        await client.http.get(`/conversations/${NIL}`),
        await client.http.get(`/conversations/${id.slice(1)}`),
        await counsellor.http.post(`/conversations/${id}/assign`).send({ counsellorId: NIL }),
        await counsellor.http.post(`/conversations/${NIL}/close`),
      ];

      expect(refused.map((response) => response.status)).toEqual(refused.map(() => 400));
      expect(refused[0].body.message).toEqual(['id must not be the nil UUID']);
      expect(refused[3].body.message).toEqual(['id must be a UUID in lower case']);
      expect(refused[6].body.message).toBe('id must be a UUID');
      expect(await conversationRows().count()).toBe(1);
      expect(await messageRows().count()).toBe(1);
      expect((await conversationRows().findOneByOrFail({ id })).counsellorId).toBeNull();
    });
  });

  describe('privacy', () => {
    it('hides a conversation from everyone else with 404 on every route', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const other = await world.client();
      const counsellor = await world.counsellor();
      await counsellor.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({})
        .expect(200);
      const bystander = await world.counsellor();
      const id = enquiry.conversationId;
      const messageId = enquiry.body.message.id;

      await client.http.get('/conversations/not-a-uuid/messages').expect(400);
      await client.http.get(`/conversations/${randomUUID()}/messages`).expect(404);
      for (const person of [other, bystander]) {
        await person.http.get(`/conversations/${id}`).expect(404);
        await person.http.get(`/conversations/${id}/messages`).expect(404);
        await person.http
          .post(`/conversations/${id}/messages`)
          .send({ id: randomUUID(), envelope: enquiry.body.message.envelope })
          .expect(404);
        await person.http.post(`/conversations/${id}/read`).send({ upTo: messageId }).expect(404);
        await person.http
          .put(`/conversations/${id}/keys/client`)
          .send({ envelope: enquiry.body.keys.client })
          .expect(person === other ? 403 : 404);
      }
      await other.http.post(`/conversations/${id}/assign`).send({}).expect(403);
      await bystander.http.post(`/conversations/${id}/assign`).send({}).expect(404);
      await bystander.http.post(`/conversations/${id}/close`).expect(404);
      expect((await other.http.get('/conversations')).body).toEqual([]);
      expect((await bystander.http.get('/conversations')).body).toEqual([]);
    });

    it('a message moved to another conversation or sender cannot be opened', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client, 'Nur für meine Beraterin');
      const key = await world.conversationKey(client, enquiry.conversationId);
      const [stored] = (await client.http.get(`/conversations/${enquiry.conversationId}/messages`))
        .body;

      const moved = { conversationId: randomUUID(), messageId: stored.id, senderId: client.id };
      const forged = {
        conversationId: enquiry.conversationId,
        messageId: stored.id,
        senderId: randomUUID(),
      };

      await expect(decryptMessage(key, moved, stored.envelope)).rejects.toMatchObject({
        code: 'auth',
      });
      await expect(decryptMessage(key, forged, stored.envelope)).rejects.toMatchObject({
        code: 'auth',
      });
    });
  });

  describe('messages', () => {
    it('are idempotent by id: a retry returns the stored message and adds nothing', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const key = await world.conversationKey(client, enquiry.conversationId);
      const id = randomUUID();

      expect(
        (await world.write(client, enquiry.conversationId, key, 'Noch etwas', id)).status,
      ).toBe(201);
      const retry = await world.write(client, enquiry.conversationId, key, 'Noch etwas', id);

      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(id);
      expect(await messageRows().countBy({ conversationId: enquiry.conversationId })).toBe(2);
    });

    it('are taken in lower case only when new, and read in any case afterwards', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const key = await world.conversationKey(client, enquiry.conversationId);
      const id = randomUUID();
      const envelope = await encryptMessage(
        key,
        { conversationId: enquiry.conversationId, messageId: id, senderId: client.id },
        { text: 'Einmal' },
      );
      const url = `/conversations/${enquiry.conversationId.toUpperCase()}/messages`;

      const refused = await client.http
        .post(url)
        .send({ id: id.toUpperCase(), envelope })
        .expect(400);
      const first = await client.http.post(url).send({ id, envelope }).expect(201);
      const again = await client.http.post(url).send({ id, envelope }).expect(200);
      expect(refused.body.message).toEqual(['id must be a UUID in lower case']);
      const read = await client.http
        .post(`/conversations/${enquiry.conversationId}/read`)
        .send({ upTo: id.toUpperCase() })
        .expect(204);

      expect(read.status).toBe(204);
      expect([first.body.id, again.body.id]).toEqual([id, id]);
      expect(await messageRows().countBy({ conversationId: enquiry.conversationId })).toBe(2);
      expect(await world.read(client, enquiry.conversationId, key)).toEqual([
        'Ich brauche Hilfe.',
        'Einmal',
      ]);
    });

    it('are paged by cursor, newest last, stable while new ones arrive', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client, 'm0');
      const key = await world.conversationKey(client, enquiry.conversationId);
      for (let index = 1; index < 120; index++) {
        await world.write(client, enquiry.conversationId, key, `m${index}`);
      }
      const url = `/conversations/${enquiry.conversationId}/messages`;

      const latest = (await client.http.get(url).expect(200)).body;
      await world.write(client, enquiry.conversationId, key, 'arrived meanwhile');
      const older = (await client.http.get(`${url}?before=${latest[0].id}`).expect(200)).body;
      const oldest = (await client.http.get(`${url}?before=${older[0].id}`).expect(200)).body;

      const texts = async (page: { id: string; envelope: unknown }[]) =>
        (
          await Promise.all(
            page.map((m) =>
              decryptMessage(
                key,
                { conversationId: enquiry.conversationId, messageId: m.id, senderId: client.id },
                m.envelope,
              ),
            ),
          )
        ).map((c) => c.text);
      expect(latest).toHaveLength(50);
      expect(await texts(latest)).toEqual(Array.from({ length: 50 }, (_, i) => `m${70 + i}`));
      expect(await texts(older)).toEqual(Array.from({ length: 50 }, (_, i) => `m${20 + i}`));
      expect(await texts(oldest)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
      await client.http.get(`${url}?before=${randomUUID()}`).expect(400);
      await client.http.get(`${url}?limit=1000`).expect(400);
    }, 60_000);

    it('stores every one of many concurrent sends, each answered 201', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const key = await world.conversationKey(client, enquiry.conversationId);

      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          world.write(client, enquiry.conversationId, key, `parallel ${index}`),
        ),
      );

      expect(responses.map((response) => response.status)).toEqual(Array(30).fill(201));
      expect(await messageRows().countBy({ conversationId: enquiry.conversationId })).toBe(31);
    }, 30_000);

    it('answer a page with exactly the JSON of its messages, notices and cursor pages included', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const counsellor = await world.counsellor();
      const id = enquiry.conversationId;
      await counsellor.http.post(`/conversations/${id}/assign`).send({}).expect(200);
      const key = await world.conversationKey(counsellor, id);
      await world.write(counsellor, id, key, 'Antwort mit "Anführungszeichen" und \\ ünd 🙂');
      await counsellor.http.post(`/conversations/${id}/close`).expect(200);
      // Instants whose milliseconds a hand-made ISO string could get wrong.
      const instants = [
        '2025-01-02T03:04:05.000Z',
        '2025-01-02T03:04:05.007Z',
        '2025-12-31T23:59:59.999Z',
      ];
      for (const instant of instants) {
        await messageRows().insert({
          id: randomUUID(),
          conversationId: id,
          senderId: null,
          senderRole: null,
          kind: 'notice',
          envelope: null,
          notice: 'closed',
          createdAt: new Date(instant),
        });
      }
      const messages = world.app.get(MessagesService);
      const url = `/conversations/${id}/messages`;

      const latest = await client.http.get(url).expect(200);
      expect(latest.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(latest.text).toBe(JSON.stringify(await messages.page(id, undefined)));
      expect(latest.body.map((m: { createdAt: string }) => m.createdAt).slice(0, 3)).toEqual(
        instants,
      );
      expect(latest.body.map((m: { kind: string }) => m.kind)).toEqual([
        'notice',
        'notice',
        'notice',
        'message',
        'message',
        'notice',
      ]);
      const before = latest.body[4].id;
      const older = await client.http.get(`${url}?before=${before}&limit=2`).expect(200);
      expect(older.text).toBe(JSON.stringify(await messages.page(id, before, 2)));
      expect(older.body.map((m: { id: string }) => m.id)).toEqual(
        latest.body.slice(2, 4).map((m: { id: string }) => m.id),
      );
      const empty = await client.http.get(`${url}?before=${latest.body[0].id}`).expect(200);
      expect(empty.text).toBe('[]');
    });

    it('answer a send with the message as every page shows it afterwards', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const key = await world.conversationKey(client, enquiry.conversationId);

      const sent = await world.write(client, enquiry.conversationId, key, 'Noch etwas');

      const page = await client.http.get(`/conversations/${enquiry.conversationId}/messages`);
      expect(page.body.at(-1)).toEqual(sent.body);
    });

    it('write her last activity, which the retention clock counts from, at most once a minute', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const access = world.app.get(ConversationAccess);
      const account = () =>
        world.app.get(AccountService).findById(client.id) as Promise<AccountEntity>;
      const start = (await account()).lastActivityAt.getTime();
      const send = async (afterMs: number) => {
        const author = await account();
        const dto = { id: randomUUID(), envelope: enquiry.body.message.envelope };
        const at = new Date(start + afterMs);
        await world.app
          .get(MessagesService)
          .post(
            await access.findForWriting(author, enquiry.conversationId),
            author,
            dto,
            'message',
            at,
          );
        return (await account()).lastActivityAt.getTime() - start;
      };

      expect(await send(30_000)).toBe(0);
      expect(await send(61_000)).toBe(61_000);
      expect(await send(90_000)).toBe(61_000);
      expect(await send(125_000)).toBe(125_000);
    });

    describe('stored together (postMany, the chat)', () => {
      /** A message as `post` takes it, written by the person's browser at `at`. */
      async function outgoing(person: Person, conversationId: string, text: string, at: Date) {
        const author = (await world.app.get(AccountService).findById(person.id)) as AccountEntity;
        const key = await world.conversationKey(person, conversationId);
        const id = randomUUID();
        const envelope = await encryptMessage(
          key,
          { conversationId, messageId: id, senderId: person.id },
          { text },
        );
        const access = await world.app
          .get(ConversationAccess)
          .findForWriting(author, conversationId);
        return { access, author, dto: { id, envelope }, kind: 'chat', now: at } satisfies NewPost;
      }

      it('end as they would one by one: thread, waiting time, read markers, first answer', async () => {
        const client = await world.client();
        const other = await world.client();
        const enquiry = await openEnquiry(client, 'Erste Frage');
        const second = await openEnquiry(other, 'Andere Frage');
        const counsellor = await world.counsellor();
        await counsellor.http
          .post(`/conversations/${enquiry.conversationId}/assign`)
          .send({})
          .expect(200);
        const before = await conversationRows().findOneByOrFail({ id: second.conversationId });
        const t = Date.now();
        const posts = [
          await outgoing(counsellor, enquiry.conversationId, 'Antwort', new Date(t + 1000)),
          await outgoing(client, enquiry.conversationId, 'Nachfrage', new Date(t + 2000)),
          await outgoing(other, second.conversationId, 'Noch etwas', new Date(t + 3000)),
        ];

        const results = await world.app.get(MessagesService).postMany(posts);

        expect(results.map((result) => result.status)).toEqual([
          'fulfilled',
          'fulfilled',
          'fulfilled',
        ]);
        const page = await client.http
          .get(`/conversations/${enquiry.conversationId}/messages`)
          .expect(200);
        expect(page.body.slice(1)).toEqual(
          results
            .slice(0, 2)
            .map((result) => result.status === 'fulfilled' && result.value.message),
        );
        expect(
          results.every((result) => result.status === 'fulfilled' && result.value.created),
        ).toBe(true);
        const key = await world.conversationKey(client, enquiry.conversationId);
        expect(await world.read(client, enquiry.conversationId, key)).toEqual([
          'Erste Frage',
          'Antwort',
          'Nachfrage',
        ]);
        // Answered in the live chat, then she wrote on in it: her chat lines are answered there
        // and then, so the thread does not say 'waiting for an answer' again after the chat.
        expect(
          await conversationRows().findOneByOrFail({ id: enquiry.conversationId }),
        ).toMatchObject({
          lastMessageAt: new Date(t + 2000),
          clientWaitingSince: null,
          firstAnswerAt: new Date(t + 1000),
        });
        // Still waiting since her enquiry, which nobody has answered.
        expect(
          await conversationRows().findOneByOrFail({ id: second.conversationId }),
        ).toMatchObject({
          lastMessageAt: new Date(t + 3000),
          clientWaitingSince: before.clientWaitingSince,
          firstAnswerAt: null,
        });
        // Her own message counts as read for her, the answer before it too; he has one unread.
        const own = await client.http.get('/conversations').expect(200);
        expect(own.body[0]).toMatchObject({ unread: 0, state: 'waiting-for-client' });
        const staff = await counsellor.http.get('/conversations').expect(200);
        expect(staff.body[0]).toMatchObject({ id: enquiry.conversationId, unread: 1 });
        const stats = await world.leadPerson.http.get('/statistics').expect(200);
        expect(stats.body.months[0]).toMatchObject({ enquiries: 2, answered: 1 });
      });

      it('keep each failure to its own message: a retry, a taken id, one too large', async () => {
        const client = await world.client();
        const enquiry = await openEnquiry(client);
        const counsellor = await world.counsellor();
        await counsellor.http
          .post(`/conversations/${enquiry.conversationId}/assign`)
          .send({})
          .expect(200);
        const messages = world.app.get(MessagesService);
        const now = new Date();
        const sent = await outgoing(client, enquiry.conversationId, 'Schon da', now);
        const stored = await messages.post(sent.access, sent.author, sent.dto, 'chat', now);
        const taken = await outgoing(counsellor, enquiry.conversationId, 'Gleiche Id', now);
        taken.dto.id = sent.dto.id;
        const large = await outgoing(client, enquiry.conversationId, 'x'.repeat(70 * 1024), now);
        const later = (ms: number) => new Date(now.getTime() + ms);
        const fresh = await outgoing(client, enquiry.conversationId, 'Neu', later(1));
        const twice = await outgoing(client, enquiry.conversationId, 'Zweimal', later(2));

        const results = await messages.postMany([sent, taken, large, fresh, twice, twice]);

        expect(
          results.map((result) => result.status === 'fulfilled' && result.value.created),
        ).toEqual([false, false, false, true, true, false]);
        expect(results[0]).toEqual({
          status: 'fulfilled',
          value: { message: stored.message, created: false },
        });
        expect(results[1]).toMatchObject({ status: 'rejected', reason: { status: 409 } });
        expect(results[2]).toMatchObject({ status: 'rejected', reason: { status: 413 } });
        // Distinct ids, one of them stored before: they cannot go in together, so one by one.
        const last = await outgoing(client, enquiry.conversationId, 'Zuletzt', later(3));
        const again = await messages.postMany([fresh, last]);
        expect(
          again.map((result) => result.status === 'fulfilled' && result.value.created),
        ).toEqual([false, true]);
        const key = await world.conversationKey(client, enquiry.conversationId);
        expect(await world.read(client, enquiry.conversationId, key)).toEqual([
          'Ich brauche Hilfe.',
          'Schon da',
          'Neu',
          'Zweimal',
          'Zuletzt',
        ]);
      });
    });

    it('mark read; unread counts only what others wrote after', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const counsellor = await world.counsellor();
      await counsellor.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({})
        .expect(200);
      const key = await world.conversationKey(counsellor, enquiry.conversationId);
      const reply = await world.write(counsellor, enquiry.conversationId, key, 'Antwort');

      const unread = async () => (await client.http.get('/conversations')).body[0].unread;
      const read = `/conversations/${enquiry.conversationId}/read`;

      expect(await unread()).toBe(1);
      await client.http.post(read).send({ upTo: reply.body.id }).expect(204);
      expect(await unread()).toBe(0);

      // The marker never moves back; her own message moves it to the moment she wrote.
      const second = await world.write(counsellor, enquiry.conversationId, key, 'Noch eine');
      await client.http.post(read).send({ upTo: second.body.id }).expect(204);
      await client.http.post(read).send({ upTo: reply.body.id }).expect(204);
      expect(await unread()).toBe(0);
      await world.write(counsellor, enquiry.conversationId, key, 'Und noch eine');
      expect(await unread()).toBe(1);
      const clientKey = await world.conversationKey(client, enquiry.conversationId);
      await world.write(client, enquiry.conversationId, clientKey, 'Danke');
      expect(await unread()).toBe(0);
    });
  });

  describe('notices', () => {
    it('mail a content-free notice to a client with e-mail, at most once per hour', async () => {
      const client = await world.client('klientin@example.org');
      const enquiry = await openEnquiry(client, 'Geheimer Inhalt 123');
      const counsellor = await world.counsellor();
      await counsellor.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({})
        .expect(200);
      const key = await world.conversationKey(counsellor, enquiry.conversationId);

      await world.write(counsellor, enquiry.conversationId, key, 'Erste Antwort 456');
      await world.write(counsellor, enquiry.conversationId, key, 'Zweite Antwort 789');
      await world.app.get(ReplyNoticeService).idle();

      const mails = await readOutbox(outbox);
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toBe('klientin@example.org');
      expect(mails[0].subject).toBe('Neuigkeiten');
      expect(mails[0].text).toContain('http://portal.test/');
      for (const secret of ['Geheimer', '456', '789', 'Frau', 'counsellor', 'c-']) {
        expect(mails[0].text).not.toContain(secret);
      }
    });

    it('send nothing to a client without e-mail', async () => {
      const client = await world.client();
      const enquiry = await openEnquiry(client);
      const counsellor = await world.counsellor();
      await counsellor.http
        .post(`/conversations/${enquiry.conversationId}/assign`)
        .send({})
        .expect(200);
      const key = await world.conversationKey(counsellor, enquiry.conversationId);

      await world.write(counsellor, enquiry.conversationId, key, 'Antwort');
      await world.app.get(ReplyNoticeService).idle();

      expect(await readOutbox(outbox)).toEqual([]);
    });
  });

  it('after her key changed, the counsellor sees it and re-shares the history', async () => {
    const client = await world.client();
    const enquiry = await openEnquiry(client, 'Alte Nachricht');
    const counsellor = await world.counsellor();
    await counsellor.http
      .post(`/conversations/${enquiry.conversationId}/assign`)
      .send({})
      .expect(200);
    const fresh = await makeIdentity();
    await world.app.get(AccountService).update(client.id, {
      publicKey: fresh.body.publicKey,
      keyChangedAt: new Date(),
    });

    const detail = await counsellor.http
      .get(`/conversations/${enquiry.conversationId}`)
      .expect(200);
    expect(detail.body).toMatchObject({
      clientKeyChanged: true,
      clientPublicKey: fresh.body.publicKey,
    });
    const envelope = await resealConversationKey(
      detail.body.key,
      counsellor.teamKey as CryptoKey,
      fromBase64Url(detail.body.clientPublicKey),
    );
    await counsellor.http
      .put(`/conversations/${enquiry.conversationId}/keys/client`)
      .send({ envelope })
      .expect(204);

    const mine = await client.http.get(`/conversations/${enquiry.conversationId}`).expect(200);
    const key = await openConversationKey(mine.body.key, fresh.privateKey);
    expect(await world.read(client, enquiry.conversationId, key)).toEqual(['Alte Nachricht']);
    await counsellor.http
      .put(`/conversations/${enquiry.conversationId}/keys/client`)
      .send({ envelope })
      .expect(409);
  });

  it('counts enquiries and first answers for the lead, and nobody else', async () => {
    const client = await world.client();
    const answered = await openEnquiry(client);
    await openEnquiry(client);
    const counsellor = await world.counsellor();
    await counsellor.http
      .post(`/conversations/${answered.conversationId}/assign`)
      .send({})
      .expect(200);
    const key = await world.conversationKey(counsellor, answered.conversationId);
    await world.write(counsellor, answered.conversationId, key, 'Antwort');

    const stats = await world.leadPerson.http.get('/statistics').expect(200);

    expect(stats.body.months).toHaveLength(1);
    expect(stats.body.months[0]).toMatchObject({
      enquiries: 2,
      answered: 1,
      answeredWithinPromise: 1,
    });
    expect(stats.body.months[0].medianFirstAnswerHours).toBe(0);
    await counsellor.http.get('/statistics').expect(403);
    await client.http.get('/statistics').expect(403);
  });
});
