import { CentreEntity, CentreService } from '@confidant/api/accounts';
import { AccountService } from '@confidant/api/auth';
import { readOutbox } from '@confidant/api/mail/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Repository } from 'typeorm';
import { CENTRE_SEED, MessagingWorld, Person } from '../../testing';
import { ConversationEntity } from '../conversations/conversation.entity';
import { NOTICE_INTERVAL_MS, ReplyNoticeService } from './reply-notice.service';

describe('ReplyNoticeService', () => {
  let world: MessagingWorld;
  let outbox: string;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-notices-'));
    world = await MessagingWorld.start(outbox);
  });

  afterEach(async () => {
    await world.app.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const notices = () => world.app.get(ReplyNoticeService);
  const conversationRows = () =>
    world.app.get<Repository<ConversationEntity>>(getRepositoryToken(ConversationEntity));
  /** The sender an earlier default stored (`PUBLIC_URL=http://localhost:3000`). */
  const breakSender = () =>
    world.app
      .get<Repository<CentreEntity>>(getRepositoryToken(CentreEntity))
      .update({ id: 1 }, { notificationSender: 'Online-Beratung <noreply@localhost>' });
  const mailSettings = async () =>
    (await world.leadPerson.http.get('/centre/mail').expect(200)).body;

  /** A client with e-mail whose enquiry a counsellor has taken; `reply` answers and waits. */
  async function counselling(email = 'klientin@example.org') {
    const client = await world.client(email);
    const enquiry = await world.enquiry(client, 'Hilfe', 'Gewalt');
    await client.http.post('/conversations').send(enquiry.body).expect(201);
    const counsellor: Person = await world.counsellor();
    await counsellor.http
      .post(`/conversations/${enquiry.conversationId}/assign`)
      .send({})
      .expect(200);
    const key = await world.conversationKey(counsellor, enquiry.conversationId);
    const reply = async (text: string) => {
      expect((await world.write(counsellor, enquiry.conversationId, key, text)).status).toBe(201);
      await notices().idle();
    };
    return { client, conversationId: enquiry.conversationId, reply };
  }

  it('sends one notice per hour and clears an earlier failure', async () => {
    const { reply } = await counselling();
    await world.app
      .get(CentreService)
      .recordNoticeFailure({ reason: 'unreachable', detail: 'ECONNECTION' }, new Date());

    await reply('Erste Antwort');
    await reply('Zweite Antwort');

    expect(await readOutbox(outbox)).toHaveLength(1);
    expect((await mailSettings()).lastNoticeFailure).toBeNull();
  });

  it('keeps the hour when a notice fails, tells the lead why, and sends with the next reply', async () => {
    const { conversationId, reply } = await counselling();
    await breakSender();

    await reply('Erste Antwort');

    expect(await readOutbox(outbox)).toEqual([]);
    const row = await conversationRows().findOneByOrFail({ id: conversationId });
    expect(row.lastNoticeMailAt).toBeNull();
    const failure = (await mailSettings()).lastNoticeFailure;
    expect(failure).toMatchObject({ reason: 'sender', detail: null });
    expect(JSON.stringify(failure)).not.toMatch(/klientin|Antwort|@/);

    await world.app
      .get(CentreService)
      .update({ notificationSender: CENTRE_SEED.notificationSender });
    await reply('Zweite Antwort');

    const mails = await readOutbox(outbox);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe('klientin@example.org');
    expect((await mailSettings()).lastNoticeFailure).toBeNull();
  });

  it('tries a failed notice again with backoff until it is sent, once', async () => {
    const { reply } = await counselling();
    await breakSender();
    const failedAt = Date.now();

    await reply('Antwort');
    expect(await notices().retryDue(new Date(failedAt + 1000))).toBe(0);
    await world.app
      .get(CentreService)
      .update({ notificationSender: CENTRE_SEED.notificationSender });

    expect(await notices().retryDue(new Date(failedAt + 2 * 60_000))).toBe(1);
    expect(await notices().retryDue(new Date(failedAt + NOTICE_INTERVAL_MS))).toBe(0);
    expect(await readOutbox(outbox)).toHaveLength(1);
  });

  it('drops a pending retry when she removes her e-mail in the meantime', async () => {
    const { client, reply } = await counselling();
    await breakSender();
    await reply('Antwort');
    await world.app
      .get(CentreService)
      .update({ notificationSender: CENTRE_SEED.notificationSender });
    await world.app.get(AccountService).update(client.id, { emailCiphertext: null });

    expect(await notices().retryDue(new Date(Date.now() + 24 * NOTICE_INTERVAL_MS))).toBe(0);
    expect(await readOutbox(outbox)).toEqual([]);
  });
});
