import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AccountService } from '@confidant/api/auth';
import { applyApiPipeline, makeIdentity, testAuthModule } from '@confidant/api/auth/testing';
import { LogCapture, testMailModule } from '@confidant/api/mail/testing';
import { testDatabaseModule } from '@confidant/api/persistence/testing';
import {
  createTeamKey,
  fromBase64Url,
  grantTeamKey,
  openTeamKey,
  toBase64Url,
} from '@confidant/shared/crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { CentreModule } from '../centre/centre.module';
import { StaffModule } from './staff.module';

const seed = {
  name: 'Frauenberatung Teststadt',
  phone: '0123 456789',
  responseDays: 3,
  retentionMonths: 6,
  exitUrl: 'https://exit.example/',
  notificationSender: 'Beratung <noreply@example.org>',
  notificationSubject: 'Neuigkeiten',
  topics: ['Gewalt'],
};

describe('StaffModule', () => {
  let app: INestApplication;
  let outbox: string;
  let logs: LogCapture;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-staff-'));
    const moduleRef = await Test.createTestingModule({
      imports: [
        testDatabaseModule(),
        testMailModule({ outboxDir: outbox }),
        testAuthModule(),
        CentreModule.forRoot({ useFactory: () => seed }),
        StaffModule,
      ],
    }).compile();
    logs = new LogCapture();
    moduleRef.useLogger(logs);
    app = moduleRef.createNestApplication();
    applyApiPipeline(app);
    await app.init();
  });

  afterEach(async () => {
    await app.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  function setupToken(): string {
    const line = logs.lines.find((entry) => entry.includes('/einrichtung#'));
    const match = /\/einrichtung#([A-Za-z0-9_-]{43})/.exec(line ?? '');
    if (!match) {
      throw new Error('no setup link was printed');
    }
    return match[1];
  }

  /** The first lead, made as her browser would: identity, team key pair, her own grant. */
  async function setUpLead(): Promise<{
    lead: TestAgent;
    grantTo: (publicKey: string) => Promise<unknown>;
  }> {
    const identity = await makeIdentity();
    const team = await createTeamKey(fromBase64Url(identity.body.publicKey));
    const lead = request.agent(app.getHttpServer());
    await lead
      .post('/setup')
      .send({
        setupToken: setupToken(),
        username: 'leitung',
        displayName: 'Frau Leitung',
        ...identity.body,
        teamPublicKey: toBase64Url(team.publicKey),
        teamKeyGrant: team.grant,
      })
      .expect(201);
    const grantTo = (publicKey: string) =>
      grantTeamKey(team.grant, identity.privateKey, fromBase64Url(publicKey));
    return { lead, grantTo };
  }

  it('prints a one-time setup link while there is no lead; it works once', async () => {
    expect((await http().get('/setup')).body).toEqual({ needed: true });
    const token = setupToken();

    await setUpLead();

    expect((await http().get('/setup')).body).toEqual({ needed: false });
    const centre = await http().get('/centre').expect(200);
    expect(centre.body.teamPublicKey).toHaveLength(87);
    const again = await makeIdentity();
    await http()
      .post('/setup')
      .send({
        setupToken: token,
        username: 'zweite',
        displayName: 'Zweite',
        ...again.body,
        teamPublicKey: centre.body.teamPublicKey,
        teamKeyGrant: {
          v: 1,
          epk: again.body.publicKey,
          iv: 'AAAAAAAAAAAAAAAA',
          ct: 'A'.repeat(64),
        },
      })
      .expect(400);
    expect(await app.get(AccountService).countByRole('lead')).toBe(1);
  });

  it('refuses a wrong setup token', async () => {
    const identity = await makeIdentity();

    await http()
      .post('/setup')
      .send({
        setupToken: toBase64Url(new Uint8Array(32)),
        username: 'leitung',
        displayName: 'Frau Leitung',
        ...identity.body,
        teamPublicKey: identity.body.publicKey,
        teamKeyGrant: {
          v: 1,
          epk: identity.body.publicKey,
          iv: 'AAAAAAAAAAAAAAAA',
          ct: 'A'.repeat(64),
        },
      })
      .expect(400);
    expect((await http().get('/setup')).body).toEqual({ needed: true });
  });

  it('invites a counsellor, who registers once; the lead grants her the team key', async () => {
    const { lead, grantTo } = await setUpLead();
    const invitation = await lead
      .post('/staff/invitations')
      .send({ role: 'counsellor' })
      .expect(201);
    expect(new Date(invitation.body.expiresAt).getTime()).toBeGreaterThan(
      Date.now() + 6 * 86_400_000,
    );
    const identity = await makeIdentity();
    const counsellor = request.agent(app.getHttpServer());

    const joined = await counsellor
      .post('/staff/register')
      .send({
        invitationToken: invitation.body.token,
        username: 'beraterin',
        displayName: 'Frau Berg',
        ...identity.body,
      })
      .expect(201);
    expect(joined.body.account).toMatchObject({ role: 'counsellor', displayName: 'Frau Berg' });
    expect(joined.body.keys.teamKeyGrant).toBeNull();

    const other = await makeIdentity();
    await http()
      .post('/staff/register')
      .send({
        invitationToken: invitation.body.token,
        username: 'noch',
        displayName: 'X',
        ...other.body,
      })
      .expect(400);

    const listed = await lead.get('/staff/counsellors').expect(200);
    const member = listed.body.find(
      (entry: { username: string }) => entry.username === 'beraterin',
    );
    expect(member).toMatchObject({
      hasTeamKey: false,
      active: true,
      publicKey: identity.body.publicKey,
    });

    const grant = await grantTo(member.publicKey);
    await lead.put(`/staff/counsellors/${member.id}/team-key`).send({ grant }).expect(204);

    const session = await counsellor.get('/auth/session').expect(200);
    const opened = await openTeamKey(session.body.keys.teamKeyGrant, identity.privateKey);
    expect(opened.type).toBe('private');
  });

  it('a second invitation leaves the first one usable', async () => {
    const { lead } = await setUpLead();
    const first = await lead.post('/staff/invitations').send({ role: 'counsellor' }).expect(201);
    await lead.post('/staff/invitations').send({ role: 'lead' }).expect(201);

    const identity = await makeIdentity();
    const joined = await http()
      .post('/staff/register')
      .send({
        invitationToken: first.body.token,
        username: 'beraterin',
        displayName: 'Frau Berg',
        ...identity.body,
      })
      .expect(201);
    expect(joined.body.account).toMatchObject({ role: 'counsellor' });
  });

  it('deactivation ends her sessions and removes her grant', async () => {
    const { lead, grantTo } = await setUpLead();
    const invitation = await lead.post('/staff/invitations').send({ role: 'counsellor' });
    const identity = await makeIdentity();
    const counsellor = request.agent(app.getHttpServer());
    const joined = await counsellor.post('/staff/register').send({
      invitationToken: invitation.body.token,
      username: 'beraterin',
      displayName: 'B',
      ...identity.body,
    });
    const id = joined.body.account.id;
    const grant = await grantTo(identity.body.publicKey);
    await lead.put(`/staff/counsellors/${id}/team-key`).send({ grant }).expect(204);

    await lead.patch(`/staff/counsellors/${id}`).send({ active: false }).expect(204);

    await counsellor.get('/auth/session').expect(401);
    const listed = await lead.get('/staff/counsellors');
    expect(listed.body.find((entry: { id: string }) => entry.id === id)).toMatchObject({
      active: false,
      hasTeamKey: false,
    });
  });

  it('answers 404 for a client or an unknown id, 400 for what is not a UUID, and keeps a lead from deactivating herself', async () => {
    const { lead } = await setUpLead();
    const client = await makeIdentity();
    const registered = await http()
      .post('/auth/register')
      .send({ username: 'klientin', ...client.body })
      .expect(201);
    const me = await lead.get('/auth/session');

    await lead
      .patch(`/staff/counsellors/${registered.body.account.id}`)
      .send({ active: false })
      .expect(404);
    await lead.patch(`/staff/counsellors/${randomUUID()}`).send({ active: false }).expect(404);
    await lead.patch('/staff/counsellors/not-an-id').send({ active: false }).expect(400);
    await lead
      .patch('/staff/counsellors/00000000-0000-0000-0000-000000000000')
      .send({ active: false })
      .expect(400);
    const herself = await lead
      .patch(`/staff/counsellors/${me.body.account.id.toUpperCase()}`)
      .send({ active: false })
      .expect(400);
    expect(herself.body.message).not.toContain('UUID');
  });

  it('lets a lead change the centre settings, validated', async () => {
    const { lead } = await setUpLead();

    const changed = await lead
      .patch('/staff/centre')
      .send({ name: 'Neue Stelle', responseDays: 2, topics: ['Stalking', 'Trennung'] })
      .expect(200);

    expect(changed.body).toMatchObject({
      name: 'Neue Stelle',
      responseDays: 2,
      topics: ['Stalking', 'Trennung'],
    });
    await lead.patch('/staff/centre').send({ responseDays: 0 }).expect(400);
    await lead.patch('/staff/centre').send({ exitUrl: 'javascript:alert(1)' }).expect(400);
    expect((await http().get('/centre')).body.responseDays).toBe(2);
  });

  it('shows the lead the current sender and subject, and refuses a sender the mailer would refuse', async () => {
    const { lead } = await setUpLead();

    expect((await lead.get('/centre/mail').expect(200)).body).toEqual({
      notificationSender: seed.notificationSender,
      notificationSubject: seed.notificationSubject,
      lastNoticeFailure: null,
    });
    for (const notificationSender of [
      'Online-Beratung <noreply@localhost>',
      'noreply@127.0.0.1',
      'a@b.example, c@d.example',
      'Beratung',
    ]) {
      const refused = await lead.patch('/staff/centre').send({ notificationSender, name: 'X' });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('notificationSender');
    }
    await lead.patch('/staff/centre').send({ notificationSubject: ' \t ' }).expect(400);
    expect((await http().get('/centre')).body.name).toBe(seed.name);
    expect((await lead.get('/centre/mail')).body.notificationSender).toBe(seed.notificationSender);

    await lead
      .patch('/staff/centre')
      .send({ notificationSender: 'Stelle <info@stelle.example>', notificationSubject: 'Hallo' })
      .expect(200);
    expect((await lead.get('/centre/mail')).body).toMatchObject({
      notificationSender: 'Stelle <info@stelle.example>',
      notificationSubject: 'Hallo',
    });
  });

  it('shows the mail settings to leads only', async () => {
    const { lead } = await setUpLead();
    const invitation = await lead.post('/staff/invitations').send({ role: 'counsellor' });
    const identity = await makeIdentity();
    const counsellor = request.agent(app.getHttpServer());
    await counsellor
      .post('/staff/register')
      .send({
        invitationToken: invitation.body.token,
        username: 'beraterin',
        displayName: 'B',
        ...identity.body,
      })
      .expect(201);

    await counsellor.get('/centre/mail').expect(403);
    await http().get('/centre/mail').expect(401);
  });
});
