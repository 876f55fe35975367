import { CentreEntity, CentreService } from '@confidant/api/accounts';
import { AccountErasure, AccountService } from '@confidant/api/auth';
import { readOutbox } from '@confidant/api/mail/testing';
import { ConversationEntity, MessageEntity } from '@confidant/api/messaging';
import { MessagingWorld, Person } from '@confidant/api/messaging/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Repository } from 'typeorm';
import { addMonths } from './retention-dates';
import { RetentionModule } from './retention.module';
import { RetentionService } from './retention.service';

const DAY = 86_400_000;

describe('RetentionService', () => {
  let world: MessagingWorld;
  let outbox: string;
  let retention: RetentionService;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-retention-'));
    world = await MessagingWorld.start(outbox, [RetentionModule]);
    retention = world.app.get(RetentionService);
  });

  afterEach(async () => {
    await world.app.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const accounts = () => world.app.get(AccountService);
  const conversations = () =>
    world.app.get<Repository<ConversationEntity>>(getRepositoryToken(ConversationEntity));
  const messages = () =>
    world.app.get<Repository<MessageEntity>>(getRepositoryToken(MessageEntity));

  async function activeAt(person: Person, at: Date): Promise<void> {
    await accounts().update(person.id, { lastActivityAt: at });
  }

  async function enquiry(client: Person): Promise<string> {
    const { body, conversationId } = await world.enquiry(client, 'Hilfe');
    await client.http.post('/conversations').send(body).expect(201);
    return conversationId;
  }

  it('dates an account retention months after her last activity and shows it to her', async () => {
    const client = await world.client();
    const active = new Date('2026-01-31T10:00:00Z');
    await activeAt(client, active);

    const me = await client.http.get('/auth/status').expect(200);

    expect(me.body.session.account.deletionDate).toBe('2026-07-31T10:00:00.000Z');
    const staff = await world.counsellor();
    expect((await staff.http.get('/auth/status')).body.session.account.deletionDate).toBeNull();
  });

  it('makes an account due exactly at its date, not a moment before', async () => {
    const client = await world.client();
    const active = new Date('2026-03-31T08:00:00Z');
    await activeAt(client, active);
    const date = addMonths(active, 6);
    expect(date.toISOString()).toBe('2026-09-30T08:00:00.000Z');

    expect(await retention.sweep(new Date(date.getTime() - 1))).toEqual({
      ran: true,
      erased: 0,
      batches: 0,
    });
    expect(await accounts().findById(client.id)).not.toBeNull();

    expect((await retention.sweep(date)).erased).toBe(1);
    expect(await accounts().findById(client.id)).toBeNull();
  });

  it('moves the date with activity and with the end of counselling, whichever is later', async () => {
    const client = await world.client();
    const conversationId = await enquiry(client);
    await activeAt(client, new Date('2026-01-10T00:00:00Z'));
    await conversations().update(
      { id: conversationId },
      { closedAt: new Date('2026-02-20T00:00:00Z') },
    );

    const account = await accounts().findById(client.id);
    expect((await retention.deletionDate(account!))?.toISOString()).toBe(
      '2026-08-20T00:00:00.000Z',
    );
    expect((await retention.sweep(new Date('2026-08-19T23:59:59Z'))).erased).toBe(0);

    await activeAt(client, new Date('2026-05-01T00:00:00Z'));

    expect((await retention.sweep(new Date('2026-08-21T00:00:00Z'))).erased).toBe(0);
    expect((await retention.sweep(new Date('2026-11-01T00:00:00Z'))).erased).toBe(1);
  });

  it('erases her conversations and messages with her, and never sweeps staff', async () => {
    const client = await world.client();
    const conversationId = await enquiry(client);
    const counsellor = await world.counsellor();
    await activeAt(client, new Date('2025-01-01T00:00:00Z'));
    await activeAt(counsellor, new Date('2020-01-01T00:00:00Z'));

    await retention.sweep(new Date('2026-01-01T00:00:00Z'));

    expect(await conversations().countBy({ id: conversationId })).toBe(0);
    expect(await messages().countBy({ conversationId })).toBe(0);
    expect(await accounts().findById(counsellor.id)).not.toBeNull();
  });

  it('sends the warning once, 14 days before, and only to clients with an e-mail', async () => {
    const withEmail = await world.client('warn-me@example.org');
    const without = await world.client();
    const active = new Date('2026-01-01T12:00:00Z');
    await activeAt(withEmail, active);
    await activeAt(without, active);
    const date = addMonths(active, 6);

    expect(await retention.sendWarnings(new Date(date.getTime() - 15 * DAY))).toBe(0);
    expect(await retention.sendWarnings(new Date(date.getTime() - 14 * DAY))).toBe(1);
    expect(await retention.sendWarnings(new Date(date.getTime() - 10 * DAY))).toBe(0);

    const mails = await readOutbox(outbox);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe('warn-me@example.org');
    expect(mails[0].text).toContain('in 14 Tagen');
    expect(mails[0].text).not.toMatch(/c-[0-9a-f]{8}/);
  });

  it('keeps a warning that could not be sent for the next run, and tells the lead why', async () => {
    const first = await world.client('erste@example.org');
    const second = await world.client('zweite@example.org');
    const active = new Date('2026-01-01T12:00:00Z');
    await activeAt(first, active);
    await activeAt(second, active);
    const date = addMonths(active, 6);
    const centre = world.app.get(CentreService);
    await world.app
      .get<Repository<CentreEntity>>(getRepositoryToken(CentreEntity))
      .update({ id: 1 }, { notificationSender: 'Online-Beratung <noreply@localhost>' });

    expect(await retention.sendWarnings(new Date(date.getTime() - 14 * DAY))).toBe(0);
    expect(await readOutbox(outbox)).toEqual([]);
    expect((await centre.mailSettings()).lastNoticeFailure).toMatchObject({ reason: 'sender' });

    await centre.update({ notificationSender: 'Beratung <noreply@example.org>' });
    expect(await retention.sendWarnings(new Date(date.getTime() - 13 * DAY))).toBe(2);
    expect((await readOutbox(outbox)).map((mail) => mail.to).sort()).toEqual([
      'erste@example.org',
      'zweite@example.org',
    ]);
    expect((await centre.mailSettings()).lastNoticeFailure).toBeNull();
  });

  it('lets only one of two simultaneous sweeps run; each account is erased once', async () => {
    const clients = [await world.client(), await world.client(), await world.client()];
    for (const client of clients) {
      await activeAt(client, new Date('2025-01-01T00:00:00Z'));
    }
    const erase = jest.spyOn(world.app.get(AccountErasure), 'erase');
    const now = new Date('2026-01-01T00:00:00Z');

    const results = await Promise.all([retention.sweep(now, 1), retention.sweep(now, 1)]);

    expect(results.map((result) => result.ran).sort()).toEqual([false, true]);
    expect(results.reduce((sum, result) => sum + result.erased, 0)).toBe(3);
    expect(erase.mock.calls.flatMap(([ids]) => ids).sort()).toEqual(
      clients.map((c) => c.id).sort(),
    );
    expect((await retention.sweep(now)).erased).toBe(0);
  });

  it('erases batch by batch and makes it unrecoverable once, after the last batch', async () => {
    const clients = [await world.client(), await world.client(), await world.client()];
    for (const client of clients) {
      await enquiry(client);
      await activeAt(client, new Date('2025-01-01T00:00:00Z'));
    }
    const erasure = world.app.get(AccountErasure);
    const erase = jest.spyOn(erasure, 'erase');
    const compact = jest.spyOn(erasure, 'compact');

    expect(await retention.sweep(new Date('2026-01-01T00:00:00Z'), 2)).toEqual({
      ran: true,
      erased: 3,
      batches: 2,
    });

    expect(erase.mock.calls.map(([ids, options]) => [ids.length, options])).toEqual([
      [2, { compact: false }],
      [1, { compact: false }],
    ]);
    expect(compact).toHaveBeenCalledTimes(1);
    expect(compact.mock.invocationCallOrder[0]).toBeGreaterThan(
      Math.max(...erase.mock.invocationCallOrder),
    );
    expect(await messages().count()).toBe(0);
    jest.restoreAllMocks();
  });

  it('finds the same due accounts whatever the window it reads the accounts in', async () => {
    const now = new Date('2026-07-01T00:00:00Z');
    const due = [];
    // The second is due on 2 July: within the few days' slack of the query, but not yet due.
    for (const [index, active] of ['2025-06-01', '2026-01-02', '2025-11-15'].entries()) {
      const client = await world.client();
      await activeAt(client, new Date(`${active}T00:00:00Z`));
      if (index !== 1) {
        due.push(client.id);
      }
    }
    // Inactive for long, but her counselling ended only last month: kept.
    const counselled = await world.client();
    const conversationId = await enquiry(counselled);
    await activeAt(counselled, new Date('2025-01-01T00:00:00Z'));
    await conversations().update({ id: conversationId }, { closedAt: new Date('2026-06-01') });
    await activeAt(await world.counsellor(), new Date('2020-01-01T00:00:00Z'));

    const found = [];
    for (const window of [1, 2, 3, 1000]) {
      found.push(await retention.dueAccounts(now, 6, window));
    }

    // Oldest first: the one inactive since June 2025, then the one since November.
    expect(found).toEqual([due, due, due, due]);
  });

  it('leaves whole accounts when a sweep is interrupted midway', async () => {
    const clients = [await world.client(), await world.client(), await world.client()];
    const conversationIds = [];
    for (const client of clients) {
      conversationIds.push(await enquiry(client));
      await activeAt(client, new Date('2025-01-01T00:00:00Z'));
    }
    const erasure = world.app.get(AccountErasure);
    const real = erasure.erase.bind(erasure);
    let calls = 0;
    jest.spyOn(erasure, 'erase').mockImplementation(async (ids, options) => {
      if (++calls === 2) {
        throw new Error('power cut');
      }
      return real(ids, options);
    });
    const compact = jest.spyOn(erasure, 'compact');

    await expect(retention.sweep(new Date('2026-01-01T00:00:00Z'), 2)).rejects.toThrow('power cut');

    // What the first batch erased is made unrecoverable all the same.
    expect(compact).toHaveBeenCalledTimes(1);

    const remaining = [];
    for (const [index, client] of clients.entries()) {
      const account = await accounts().findById(client.id);
      const conversation = await conversations().countBy({ id: conversationIds[index] });
      const thread = await messages().countBy({ conversationId: conversationIds[index] });
      expect({ account: account !== null, conversation, thread }).toEqual(
        account
          ? { account: true, conversation: 1, thread: 1 }
          : { account: false, conversation: 0, thread: 0 },
      );
      if (account) {
        remaining.push(client.id);
      }
    }
    expect(remaining).toHaveLength(1);
    jest.restoreAllMocks();
    expect((await retention.sweep(new Date('2026-01-01T00:00:00Z'))).erased).toBe(1);
  });
});
