import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AccountService, EmailCipher } from '@confidant/api/auth';
import {
  applyApiPipeline,
  authKeyFor,
  makeIdentity,
  openRegistration,
  testAuthModule,
} from '@confidant/api/auth/testing';
import { MailService } from '@confidant/api/mail';
import { readOutbox, testMailModule } from '@confidant/api/mail/testing';
import { testDatabaseModule } from '@confidant/api/persistence/testing';
import { deriveRecoveryKeys, rewrapPrivateKey, toBase64Url } from '@confidant/shared/crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { MeModule } from './me.module';

describe('MeModule', () => {
  let app: INestApplication;
  let outbox: string;
  let client: TestAgent;
  let authKey: string;
  let accountId: string;
  let identity: Awaited<ReturnType<typeof makeIdentity>>;

  beforeEach(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'confidant-me-'));
    const moduleRef = await Test.createTestingModule({
      imports: [
        testDatabaseModule(),
        testMailModule({ outboxDir: outbox }),
        testAuthModule(),
        MeModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    applyApiPipeline(app);
    await app.init();
    await openRegistration(app);
    identity = await makeIdentity();
    authKey = identity.body.authKey;
    client = request.agent(app.getHttpServer());
    const registered = await client
      .post('/auth/register')
      .send({ username: 'Mondlicht', ...identity.body })
      .expect(201);
    accountId = registered.body.account.id;
  });

  afterEach(async () => {
    await app.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const account = () => app.get(AccountService).findById(accountId);

  it('describes the own account, without anything secret', async () => {
    const response = await client.get('/accounts/me').expect(200);

    expect(response.body).toEqual({
      id: accountId,
      username: 'Mondlicht',
      role: 'client',
      displayName: null,
      hasEmail: false,
      maskedEmail: null,
      deletionDate: null,
      recoveryConfirmed: false,
    });
  });

  it('remembers on the account that she kept her recovery code, until a new code is made', async () => {
    const confirmed = async () =>
      (await client.get('/accounts/me').expect(200)).body.recoveryConfirmed;
    const login = async () =>
      (
        await request(app.getHttpServer())
          .post('/auth/login')
          .send({ username: 'Mondlicht', authKey })
          .expect(200)
      ).body.account.recoveryConfirmed;
    expect(await confirmed()).toBe(false);
    expect(await login()).toBe(false);

    await client.post('/accounts/me/recovery/confirmation').expect(204);
    const first = (await account())?.recoveryConfirmedAt;
    expect(first).toBeInstanceOf(Date);
    expect(await confirmed()).toBe(true);
    // Known in every later session, from the server alone.
    expect(await login()).toBe(true);
    await client.post('/accounts/me/recovery/confirmation').expect(204);
    expect((await account())?.recoveryConfirmedAt).toEqual(first);

    const next = await deriveRecoveryKeys((await makeIdentity()).recoveryCode);
    const { wrapKey } = await authKeyFor(identity.password, identity.body.kdfSalt);
    await client
      .post('/accounts/me/recovery')
      .send({
        authKey,
        recoveryWrappedPrivateKey: await rewrapPrivateKey(
          identity.body.wrappedPrivateKey,
          wrapKey,
          next.recoveryKey,
        ),
        recoveryVerifier: toBase64Url(next.recoveryVerifier),
      })
      .expect(204);
    expect(await confirmed()).toBe(false);
    expect((await account())?.recoveryConfirmedAt).toBeNull();

    await client.post('/accounts/me/recovery/confirmation').expect(204);
    expect(await confirmed()).toBe(true);
  });

  it('forgets the confirmation when a reset with the recovery code makes a new code', async () => {
    await client.post('/accounts/me/recovery/confirmation').expect(204);
    const old = await deriveRecoveryKeys(identity.recoveryCode);
    const anonymous = request(app.getHttpServer());
    const started = await anonymous
      .post('/auth/recovery/start')
      .send({ username: 'Mondlicht', recoveryVerifier: toBase64Url(old.recoveryVerifier) })
      .expect(200);
    const next = await makeIdentity();
    await anonymous
      .post('/auth/recovery/complete')
      .send({
        recoveryToken: started.body.recoveryToken,
        authKey: next.body.authKey,
        kdfSalt: next.body.kdfSalt,
        kdfIterations: next.body.kdfIterations,
        wrappedPrivateKey: next.body.wrappedPrivateKey,
        recoveryWrappedPrivateKey: next.body.recoveryWrappedPrivateKey,
        recoveryVerifier: next.body.recoveryVerifier,
      })
      .expect(204);

    expect((await account())?.recoveryConfirmedAt).toBeNull();
  });

  it('takes the confirmation only from a logged-in account', async () => {
    await request(app.getHttpServer()).post('/accounts/me/recovery/confirmation').expect(401);
    expect((await account())?.recoveryConfirmedAt).toBeNull();
  });

  it('adds, changes and removes the e-mail only with the password', async () => {
    await client
      .put('/accounts/me/email')
      .send({ authKey: toBase64Url(new Uint8Array(32)), email: 'mond@example.org' })
      .expect(403);
    expect((await account())?.emailCiphertext).toBeNull();

    await client.put('/accounts/me/email').send({ authKey, email: 'mond@example.org' }).expect(204);
    const stored = (await account())?.emailCiphertext ?? '';
    expect(stored).not.toContain('mond');
    expect(app.get(EmailCipher).decrypt(accountId, stored)).toBe('mond@example.org');
    expect((await client.get('/accounts/me')).body).toMatchObject({
      hasEmail: true,
      maskedEmail: 'm***@example.org',
    });

    await client.delete('/accounts/me/email').send({ authKey }).expect(204);
    expect((await account())?.emailCiphertext).toBeNull();
    expect((await client.get('/accounts/me')).body.maskedEmail).toBeNull();
  });

  it('removes the mails still waiting for her old address when she changes or removes it', async () => {
    const queue = (to: string) =>
      app.get(MailService).send({
        to,
        from: 'Beratung <noreply@portal.test>',
        subject: 'Neuigkeiten',
        text: 'http://portal.test/',
      });
    const recipients = async () => (await readOutbox(outbox)).map((mail) => mail.to).sort();
    await client.put('/accounts/me/email').send({ authKey, email: 'alt@example.org' }).expect(204);
    await queue('alt@example.org');
    await queue('jemand@example.org');

    await client.put('/accounts/me/email').send({ authKey, email: 'ALT@example.org' }).expect(204);
    expect(await recipients()).toEqual(['alt@example.org', 'jemand@example.org']);

    await client.put('/accounts/me/email').send({ authKey, email: 'neu@example.org' }).expect(204);
    expect(await recipients()).toEqual(['jemand@example.org']);

    await queue('neu@example.org');
    await client.delete('/accounts/me/email').send({ authKey }).expect(204);
    expect(await recipients()).toEqual(['jemand@example.org']);
  });

  it('leaves no mail for any of her addresses after an e-mail change and erasure', async () => {
    const queue = (to: string) =>
      app.get(MailService).send({
        to,
        from: 'Beratung <noreply@portal.test>',
        subject: 'Neuigkeiten',
        text: 'http://portal.test/',
      });
    await client.put('/accounts/me/email').send({ authKey, email: 'alt@example.org' }).expect(204);
    await queue('alt@example.org');
    await client.put('/accounts/me/email').send({ authKey, email: 'neu@example.org' }).expect(204);
    await queue('neu@example.org');

    await client.delete('/accounts/me').send({ authKey }).expect(204);

    expect(await readOutbox(outbox)).toEqual([]);
  });

  it('replaces the recovery code; the old one stops working', async () => {
    const old = await deriveRecoveryKeys(identity.recoveryCode);
    const next = await makeIdentity();
    const fresh = await deriveRecoveryKeys(next.recoveryCode);
    const { wrapKey } = await authKeyFor(identity.password, identity.body.kdfSalt);
    const rewrapped = await rewrapPrivateKey(
      identity.body.wrappedPrivateKey,
      wrapKey,
      fresh.recoveryKey,
    );

    await client
      .post('/accounts/me/recovery')
      .send({
        authKey,
        recoveryWrappedPrivateKey: rewrapped,
        recoveryVerifier: toBase64Url(fresh.recoveryVerifier),
      })
      .expect(204);

    const anonymous = request(app.getHttpServer());
    await anonymous
      .post('/auth/recovery/start')
      .send({ username: 'Mondlicht', recoveryVerifier: toBase64Url(old.recoveryVerifier) })
      .expect(401);
    await anonymous
      .post('/auth/recovery/start')
      .send({ username: 'Mondlicht', recoveryVerifier: toBase64Url(fresh.recoveryVerifier) })
      .expect(200);
  });

  it('deletes the account with the password; then it cannot log in or be found', async () => {
    await client
      .delete('/accounts/me')
      .send({ authKey: toBase64Url(new Uint8Array(32)) })
      .expect(403);
    expect(await account()).not.toBeNull();

    const response = await client.delete('/accounts/me').send({ authKey }).expect(204);

    expect(String(response.headers['set-cookie'])).toMatch(/confidant-session=;/);
    expect(await account()).toBeNull();
    await client.get('/accounts/me').expect(401);
    await request(app.getHttpServer())
      .post('/auth/login')
      .send({ username: 'Mondlicht', authKey })
      .expect(401);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    await client.put('/accounts/me/email').send({ authKey, email: 'nope' }).expect(400);
    await client.put('/accounts/me/email').send({ email: 'a@b.example' }).expect(400);
    await client.delete('/accounts/me').send({}).expect(400);
    expect(await account()).not.toBeNull();
  });
});
