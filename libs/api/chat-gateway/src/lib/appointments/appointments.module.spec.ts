import { AccountErasure } from '@confidant/api/auth';
import { ReplyNoticeService } from '@confidant/api/messaging';
import { readOutbox } from '@confidant/api/mail/testing';
import { decryptMessage, encryptMessage } from '@confidant/shared/crypto';
import { getRepositoryToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Repository } from 'typeorm';
import { ChatWorld, Pair } from '../../testing';
import { AppointmentEntity } from './appointment.entity';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('appointments (ChatModule over HTTP)', () => {
  let world: ChatWorld;
  let outbox: string;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-appointments-'));
    world = await ChatWorld.start(outbox);
  });

  afterEach(async () => {
    await world.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const rows = () =>
    world.app.get<Repository<AppointmentEntity>>(getRepositoryToken(AppointmentEntity));

  function propose(pair: Pair, body: object) {
    return pair.counsellor.http
      .post(`/conversations/${pair.conversationId}/appointments`)
      .send(body);
  }

  describe('the counsellor proposes', () => {
    it('one or more dates, which the client sees in the conversation and in her list', async () => {
      const pair = await world.pair();

      const created = await propose(pair, {
        startsAt: inMinutes(48 * 60),
        durationMinutes: 45,
        alternatives: [{ startsAt: inMinutes(24 * 60), durationMinutes: 30 }],
      }).expect(201);

      expect(created.body).toHaveLength(2);
      expect(created.body[0].durationMinutes).toBe(30); // earliest first
      expect(created.body[0]).toMatchObject({
        conversationId: pair.conversationId,
        status: 'proposed',
        proposedBy: pair.counsellor.id,
        timeZone: 'Europe/Berlin',
        room: 'closed',
        cancelReason: null,
      });
      expect(created.body[0].proposalId).toBe(created.body[1].proposalId);
      const inThread = await pair.client.http
        .get(`/conversations/${pair.conversationId}/appointments`)
        .expect(200);
      expect(inThread.body.map((a: { id: string }) => a.id)).toEqual(
        created.body.map((a: { id: string }) => a.id),
      );
      const mine = await pair.client.http.get('/appointments').expect(200);
      expect(mine.body.map((a: { id: string }) => a.id)).toEqual(
        created.body.map((a: { id: string }) => a.id),
      );
      const counsellors = await pair.counsellor.http.get('/appointments').expect(200);
      expect(counsellors.body).toHaveLength(2);
    });

    it("reads a time without offset as the centre's time (Europe/Berlin) and says so", async () => {
      const pair = await world.pair();
      const year = new Date().getUTCFullYear() + 1;

      const summer = await propose(pair, {
        startsAt: `${year}-07-01T14:30`,
        durationMinutes: 60,
      }).expect(201);
      const winter = await propose(pair, {
        startsAt: `${year}-01-15T09:00`,
        durationMinutes: 90,
      }).expect(201);

      expect(summer.body[0]).toMatchObject({
        startsAt: `${year}-07-01T12:30:00.000Z`,
        endsAt: `${year}-07-01T13:30:00.000Z`,
        localStart: `${year}-07-01T14:30`,
        localEnd: `${year}-07-01T15:30`,
        timeZone: 'Europe/Berlin',
      });
      expect(winter.body[0]).toMatchObject({
        startsAt: `${year}-01-15T08:00:00.000Z`,
        localEnd: `${year}-01-15T10:30`,
      });
    });

    it('refuses bad dates and durations with 400 and stores nothing', async () => {
      const pair = await world.pair();
      const year = new Date().getUTCFullYear() + 1;
      // The last Sunday of March: the clocks jump from 02:00 to 03:00 in Berlin.
      const lastSunday = new Date(Date.UTC(year, 2, 31));
      lastSunday.setUTCDate(31 - lastSunday.getUTCDay());
      const skipped = `${lastSunday.toISOString().slice(0, 10)}T02:30`;

      for (const body of [
        { startsAt: inMinutes(60), durationMinutes: 29 },
        { startsAt: inMinutes(60), durationMinutes: 91 },
        { startsAt: inMinutes(60), durationMinutes: 45.5 },
        { startsAt: inMinutes(-5), durationMinutes: 30 },
        { startsAt: inMinutes(400 * 24 * 60), durationMinutes: 30 },
        { startsAt: 'tomorrow at noon', durationMinutes: 30 },
        { startsAt: `${year}-02-30T10:00`, durationMinutes: 30 },
        { startsAt: skipped, durationMinutes: 30 },
        { startsAt: inMinutes(60), durationMinutes: 30, room: 'x' },
        // The same instant twice (one reading of the clock: two could differ by a millisecond).
        ((startsAt) => ({
          startsAt,
          durationMinutes: 30,
          alternatives: [{ startsAt, durationMinutes: 30 }],
        }))(inMinutes(60)),
        {
          startsAt: inMinutes(60),
          durationMinutes: 30,
          alternatives: [1, 2, 3, 4, 5].map((n) => ({
            startsAt: inMinutes(60 + n * 60),
            durationMinutes: 30,
          })),
        },
      ]) {
        const response = await propose(pair, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
      expect(await rows().count()).toBe(0);
    });

    it('only for her own conversation: the client gets 403, another counsellor 404', async () => {
      const pair = await world.pair();
      const stranger = await world.messaging.counsellor();
      const body = { startsAt: inMinutes(60), durationMinutes: 30 };

      await pair.client.http
        .post(`/conversations/${pair.conversationId}/appointments`)
        .send(body)
        .expect(403);
      await stranger.http
        .post(`/conversations/${pair.conversationId}/appointments`)
        .send(body)
        .expect(404);
      await stranger.http.get(`/conversations/${pair.conversationId}/appointments`).expect(404);
      expect(await rows().count()).toBe(0);
    });
  });

  describe('the client answers', () => {
    it('accepts one date, which declines the other dates of the proposal', async () => {
      const pair = await world.pair();
      const created = await propose(pair, {
        startsAt: inMinutes(60),
        durationMinutes: 30,
        alternatives: [{ startsAt: inMinutes(120), durationMinutes: 30 }],
      }).expect(201);
      const [first, second] = created.body;

      const accepted = await pair.client.http.post(`/appointments/${second.id}/accept`).expect(200);

      expect(accepted.body).toMatchObject({ id: second.id, status: 'accepted' });
      const list = await pair.counsellor.http
        .get(`/conversations/${pair.conversationId}/appointments`)
        .expect(200);
      expect(list.body.map((a: { status: string }) => a.status)).toEqual(['declined', 'accepted']);
      await pair.client.http.post(`/appointments/${first.id}/accept`).expect(409);
      await pair.client.http.post(`/appointments/${second.id}/accept`).expect(409);
    });

    it('declines a proposal: all its open dates', async () => {
      const pair = await world.pair();
      const created = await propose(pair, {
        startsAt: inMinutes(60),
        durationMinutes: 30,
        alternatives: [{ startsAt: inMinutes(120), durationMinutes: 30 }],
      }).expect(201);

      await pair.client.http.post(`/appointments/${created.body[0].id}/decline`).expect(200);

      const stored = await rows().find();
      expect(stored.map((row) => row.status)).toEqual(['declined', 'declined']);
    });

    it('may not be answered by the counsellor (403) or another client (404)', async () => {
      const pair = await world.pair();
      const [appointment] = await world.propose(pair, 60);
      const other = await world.messaging.client();

      await pair.counsellor.http.post(`/appointments/${appointment.id}/accept`).expect(403);
      await other.http.post(`/appointments/${appointment.id}/accept`).expect(404);
      await other.http.post(`/appointments/${appointment.id}/decline`).expect(404);
      await other.http.get('/appointments/not-a-uuid/calendar.ics').expect(400);
      expect((await rows().findOneByOrFail({ id: appointment.id })).status).toBe('proposed');
    });

    it('are named by their id in any case; the nil UUID is a 400', async () => {
      const pair = await world.pair();
      const [appointment] = await world.propose(pair, 60);

      await pair.client.http
        .post(`/appointments/00000000-0000-0000-0000-000000000000/accept`)
        .expect(400);
      const accepted = await pair.client.http
        .post(`/appointments/${appointment.id.toUpperCase()}/accept`)
        .expect(200);

      expect(accepted.body.id).toBe(appointment.id);
      expect((await rows().findOneByOrFail({ id: appointment.id })).status).toBe('accepted');
    });
  });

  describe('cancelling', () => {
    it('either side cancels with a reason that only the two can read', async () => {
      const pair = await world.pair();
      const id = await world.accepted(pair, 120);
      const reason = await encryptMessage(
        pair.key,
        { conversationId: pair.conversationId, messageId: id, senderId: pair.client.id },
        { text: 'Mein Mann ist heute zu Hause.' },
      );

      const cancelled = await pair.client.http
        .post(`/appointments/${id}/cancel`)
        .send({ reason })
        .expect(200);

      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        cancelledBy: pair.client.id,
        cancelledByRole: 'client',
      });
      const seen = await pair.counsellor.http
        .get(`/conversations/${pair.conversationId}/appointments`)
        .expect(200);
      const key = await world.messaging.conversationKey(pair.counsellor, pair.conversationId);
      const text = await decryptMessage(
        key,
        { conversationId: pair.conversationId, messageId: id, senderId: seen.body[0].cancelledBy },
        seen.body[0].cancelReason,
      );
      expect(text).toEqual({ text: 'Mein Mann ist heute zu Hause.' });
      const stored = JSON.stringify(await rows().find());
      expect(stored).not.toContain('Mann');
      await pair.counsellor.http.post(`/appointments/${id}/cancel`).send({ reason }).expect(409);
    });

    it('needs a well-formed encrypted reason', async () => {
      const pair = await world.pair();
      const id = await world.accepted(pair, 120);

      await pair.counsellor.http.post(`/appointments/${id}/cancel`).send({}).expect(400);
      await pair.counsellor.http
        .post(`/appointments/${id}/cancel`)
        .send({ reason: 'Krankheit' })
        .expect(400);

      expect((await rows().findOneByOrFail({ id })).status).toBe('accepted');
    });
  });

  describe('the room', () => {
    it('opens from ten minutes before the start of an accepted date, for her counsellor', async () => {
      const pair = await world.pair();
      const later = await world.accepted(pair, 30);
      const soon = await world.accepted(pair, 8);

      await pair.counsellor.http.post(`/appointments/${later}/open`).expect(409);
      await pair.client.http.post(`/appointments/${soon}/open`).expect(403);
      const opened = await pair.counsellor.http.post(`/appointments/${soon}/open`).expect(200);

      expect(opened.body.room).toBe('open');
      expect(opened.body.roomOpenedAt).not.toBeNull();
      const seen = await pair.client.http.get('/appointments').expect(200);
      expect(seen.body.map((a: { room: string }) => a.room)).toEqual(['open', 'closed']);
    });

    it('cannot be opened for a proposed date or after the end', async () => {
      const pair = await world.pair();
      const [proposed] = await world.propose(pair, 5);
      const over = await world.accepted(pair, -61, 60);

      await pair.counsellor.http.post(`/appointments/${proposed.id}/open`).expect(409);
      const response = await pair.counsellor.http.post(`/appointments/${over}/open`).expect(409);
      expect(response.body.message).toContain('ended');
    });
  });

  it('gives the client a neutral calendar file for an accepted date', async () => {
    const pair = await world.pair();
    const [proposed] = await world.propose(pair, 24 * 60, 45);
    await pair.client.http.get(`/appointments/${proposed.id}/calendar.ics`).expect(409);
    await pair.client.http.post(`/appointments/${proposed.id}/accept`).expect(200);

    const response = await pair.client.http
      .get(`/appointments/${proposed.id}/calendar.ics`)
      .expect(200)
      .expect('Content-Type', /text\/calendar/)
      .expect('Content-Disposition', 'attachment; filename="termin.ics"');

    const text = response.text;
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('SUMMARY:Termin\r\n');
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    for (const revealing of ['Frau', 'Beratung', 'portal', 'counsellor', 'DESCRIPTION', 'URL']) {
      expect(text).not.toContain(revealing);
    }
  });

  describe('e-mail notices', () => {
    it('tell a client with e-mail that there is news, without date or names, once an hour', async () => {
      const pair = await world.pair('klientin@example.org');

      await world.propose(pair, 24 * 60);
      await world.propose(pair, 48 * 60);
      await world.app.get(ReplyNoticeService).idle();

      const mails = await readOutbox(outbox);
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toBe('klientin@example.org');
      expect(mails[0].subject).toBe('Neuigkeiten');
      expect(mails[0].text).toContain('http://portal.test/');
      const year = String(new Date().getUTCFullYear());
      for (const secret of ['Frau', 'counsellor', 'Termin', 'Chat', year, ':00']) {
        expect(mails[0].text).not.toContain(secret);
      }
    });

    it('go to nobody without an e-mail, nor for the client’s own answers', async () => {
      const pair = await world.pair();
      const withMail = await world.pair('zweite@example.org');
      const [appointment] = await world.propose(pair, 60);
      await pair.client.http.post(`/appointments/${appointment.id}/accept`).expect(200);
      await rows().manager.query('UPDATE conversation SET last_notice_mail_at = NULL');
      const [other] = await world.propose(withMail, 60);
      await world.app.get(ReplyNoticeService).idle();
      const before = (await readOutbox(outbox)).length;

      await withMail.client.http.post(`/appointments/${other.id}/decline`).expect(200);
      await rows().manager.query('UPDATE conversation SET last_notice_mail_at = NULL');
      await world.app.get(ReplyNoticeService).idle();

      expect(before).toBe(1);
      expect(await readOutbox(outbox)).toHaveLength(1);
    });
  });

  it("go with the client's account when it is erased", async () => {
    const pair = await world.pair();
    await world.accepted(pair, 60);
    const other = await world.pair();
    await world.accepted(other, 60);

    await world.app.get(AccountErasure).erase([pair.client.id]);

    const left = await rows().find();
    expect(left.map((row) => row.conversationId)).toEqual([other.conversationId]);
  });
});
