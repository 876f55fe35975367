import { INestApplication } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { readOutbox } from '@confidant/api/mail/testing';
import {
  deriveRecoveryKeys,
  rewrapPrivateKey,
  toBase64Url,
  unwrapPrivateKey,
} from '@confidant/shared/crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Repository } from 'typeorm';
import { AuthTestApp, startAuthTestApp, authKeyFor, makeIdentity, TestIdentity } from '../testing';
import { ResetService } from './reset/reset.service';
import { AccountEntity } from './account/account.entity';
import { SessionEntity } from './session/session.entity';

describe('AuthModule', () => {
  let world: AuthTestApp;
  let app: INestApplication;
  let outbox: string;

  beforeEach(async () => {
    world = await startAuthTestApp();
    ({ app, outbox } = world);
  });

  afterEach(() => world.close());

  const agent = () => request.agent(app.getHttpServer());
  const accounts = () => app.get<Repository<AccountEntity>>(getRepositoryToken(AccountEntity));
  const sessions = () => app.get<Repository<SessionEntity>>(getRepositoryToken(SessionEntity));

  async function register(
    username: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ client: TestAgent; identity: TestIdentity; body: { account: { id: string } } }> {
    const identity = await makeIdentity();
    const client = agent();
    const response = await client
      .post('/auth/register')
      .send({ username, ...identity.body, ...extra })
      .expect(201);
    return { client, identity, body: response.body };
  }

  async function login(client: TestAgent, username: string, password: string) {
    const prelogin = await client.post('/auth/prelogin').send({ username }).expect(200);
    const { authKey } = await authKeyFor(
      password,
      prelogin.body.kdfSalt,
      prelogin.body.kdfIterations,
    );
    return client.post('/auth/login').send({ username, authKey });
  }

  describe('registration', () => {
    it('is closed with 403 and a clear message until the centre has a lead, and stores nothing', async () => {
      const closed = await startAuthTestApp({ centreSetUp: false });
      try {
        const identity = await makeIdentity();
        const response = await request(closed.app.getHttpServer())
          .post('/auth/register')
          .send({ username: 'Frühstart', ...identity.body })
          .expect(403);
        expect(response.body.message).toBe(
          'The portal is not open yet: the centre has not been set up. Please try again later.',
        );
        expect(response.headers['set-cookie']).toBeUndefined();
        const stored = closed.app.get<Repository<AccountEntity>>(getRepositoryToken(AccountEntity));
        expect(await stored.count()).toBe(0);
      } finally {
        await closed.close();
      }
    });

    it('creates a client account, logs her in with a strict cookie and returns her keys', async () => {
      const identity = await makeIdentity();
      const response = await agent()
        .post('/auth/register')
        .send({ username: 'Mondlicht', ...identity.body })
        .expect(201);

      expect(response.body.account).toMatchObject({
        username: 'Mondlicht',
        role: 'client',
        displayName: null,
        hasEmail: false,
        maskedEmail: null,
      });
      expect(response.body.keys).toEqual({
        publicKey: identity.body.publicKey,
        wrappedPrivateKey: identity.body.wrappedPrivateKey,
        teamKeyGrant: null,
      });
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(/confidant-session=[A-Za-z0-9_-]{43}/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).not.toMatch(/Expires|Max-Age/);
    });

    it('refuses a name that differs only in letter case', async () => {
      await register('Mondlicht');
      const identity = await makeIdentity();

      const response = await agent()
        .post('/auth/register')
        .send({ username: 'MONDLICHT', ...identity.body })
        .expect(409);

      expect(response.body.message).toContain('already taken');
      expect(await accounts().countBy({ role: 'client' })).toBe(1);
    });

    it.each([
      ['a too short name', { username: 'ab' }, 'username must be 3 to 32 characters long'],
      ['a name with spaces', { username: 'my name' }, 'username may contain only letters'],
      ['a short authKey', { authKey: 'abc' }, 'authKey must be 32 bytes'],
      ['a bad envelope', { wrappedPrivateKey: { v: 2, iv: 'x', ct: 'y' } }, 'wrappedPrivateKey'],
      ['weak iterations', { kdfIterations: 10 }, 'kdfIterations must not be less than 1000'],
      ['an unknown field', { isAdmin: true }, 'property isAdmin should not exist'],
      ['a bad e-mail', { email: 'not-an-address' }, 'email must be an e-mail address'],
    ])('rejects %s with 400 and stores nothing', async (_case, change, message) => {
      const identity = await makeIdentity();

      const response = await agent()
        .post('/auth/register')
        .send({ username: 'Mondlicht', ...identity.body, ...change })
        .expect(400);

      expect(JSON.stringify(response.body.message)).toContain(message);
      expect(await accounts().countBy({ role: 'client' })).toBe(0);
    });

    it('rejects a public key that is not a P-256 point', async () => {
      const identity = await makeIdentity();
      const bogus = toBase64Url(new Uint8Array(65).fill(4));

      await agent()
        .post('/auth/register')
        .send({ username: 'Mondlicht', ...identity.body, publicKey: bogus })
        .expect(400);
      expect(await accounts().countBy({ role: 'client' })).toBe(0);
    });

    it('stores the e-mail only encrypted', async () => {
      await register('Mondlicht', { email: 'mond@example.org' });

      const [account] = await accounts().findBy({ role: 'client' });
      expect(account.emailCiphertext).not.toContain('mond');
      expect(JSON.stringify(account)).not.toContain('mond@example.org');
    });
  });

  describe('prelogin and login', () => {
    it('answers an unknown name with a stable salt of the same shape', async () => {
      await register('Mondlicht');
      const known = await agent()
        .post('/auth/prelogin')
        .send({ username: 'mondlicht' })
        .expect(200);
      const unknown = await agent()
        .post('/auth/prelogin')
        .send({ username: 'Sonnenschein' })
        .expect(200);
      const again = await agent()
        .post('/auth/prelogin')
        .send({ username: 'SONNENSCHEIN' })
        .expect(200);

      expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
      expect(unknown.body.kdfSalt).toHaveLength(22);
      expect(unknown.body.kdfIterations).toBe(known.body.kdfIterations);
      expect(again.body).toEqual(unknown.body);
    });

    it('logs in with the derived key only, and answers every failure alike', async () => {
      const { identity } = await register('Mondlicht');

      const ok = await login(agent(), 'mondlicht', identity.password);
      expect(ok.status).toBe(200);
      expect(ok.body.account.username).toBe('Mondlicht');

      const wrong = await login(agent(), 'Mondlicht', 'not the password at all');
      const unknown = await login(agent(), 'Sonnenschein', identity.password);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('rotates the session at login and ends it at logout', async () => {
      const { client, identity } = await register('Mondlicht');
      const first = (await sessions().find())[0].tokenHash;

      expect((await login(client, 'Mondlicht', identity.password)).status).toBe(200);

      const remaining = await sessions().find();
      expect(remaining).toHaveLength(1);
      expect(remaining[0].tokenHash).not.toBe(first);
      await client.get('/auth/session').expect(200);
      const status = await client.get('/auth/status').expect(200);
      expect(status.body.session.account.username).toBe('Mondlicht');

      await client.post('/auth/logout').expect(204);

      await client.get('/auth/session').expect(401);
      expect((await client.get('/auth/status').expect(200)).body).toEqual({ session: null });
      expect(await sessions().count()).toBe(0);
    });

    it('slows down guessing with 429 and Retry-After', async () => {
      await register('Mondlicht');
      const client = agent();
      const attempts = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        attempts.push(
          await client
            .post('/auth/login')
            .send({ username: 'Mondlicht', authKey: toBase64Url(new Uint8Array(32)) }),
        );
      }

      expect(attempts.slice(0, 10).map((response) => response.status)).toEqual(Array(10).fill(401));
      expect(attempts[10].status).toBe(429);
      expect(attempts[10].body.statusCode).toBe(429);
    });

    it('ends a session that was idle too long', async () => {
      const { client, body } = await register('Mondlicht');
      await sessions().update(
        { accountId: body.account.id },
        { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
      );

      await client.get('/auth/session').expect(401);
      expect(await sessions().count()).toBe(0);
    });

    it('ends a session after its absolute lifetime even when used', async () => {
      const { client, body } = await register('Mondlicht');
      await sessions().update(
        { accountId: body.account.id },
        { createdAt: new Date(Date.now() - 12 * 3_600_000 - 1000) },
      );

      await client.get('/auth/session').expect(401);
    });
  });

  describe('password change', () => {
    it('re-wraps the key, keeps this session and ends the others', async () => {
      const { client, identity } = await register('Mondlicht');
      const other = agent();
      expect((await login(other, 'Mondlicht', identity.password)).status).toBe(200);
      const prelogin = await client.post('/auth/prelogin').send({ username: 'Mondlicht' });
      const current = await authKeyFor(identity.password, prelogin.body.kdfSalt);
      const next = await makeIdentity('a new and even longer password');
      const newKeys = await authKeyFor(next.password, next.body.kdfSalt);
      const newWrapped = await rewrapPrivateKey(
        identity.body.wrappedPrivateKey,
        current.wrapKey,
        newKeys.wrapKey,
      );

      await client
        .post('/auth/password')
        .send({
          authKey: current.authKey,
          newAuthKey: newKeys.authKey,
          newKdfSalt: next.body.kdfSalt,
          newKdfIterations: next.body.kdfIterations,
          newWrappedPrivateKey: newWrapped,
        })
        .expect(204);

      await client.get('/auth/session').expect(200);
      await other.get('/auth/session').expect(401);
      expect((await login(agent(), 'Mondlicht', identity.password)).status).toBe(401);
      const relogin = await login(agent(), 'Mondlicht', next.password);
      expect(relogin.status).toBe(200);
      await expect(
        unwrapPrivateKey(relogin.body.keys.wrappedPrivateKey, newKeys.wrapKey),
      ).resolves.toBeDefined();
    });

    it('refuses a wrong current password with 403 and changes nothing', async () => {
      const { client } = await register('Mondlicht');
      const before = await accounts().findOneByOrFail({ username: 'Mondlicht' });
      const next = await makeIdentity();

      await client
        .post('/auth/password')
        .send({
          authKey: toBase64Url(new Uint8Array(32)),
          newAuthKey: next.body.authKey,
          newKdfSalt: next.body.kdfSalt,
          newKdfIterations: next.body.kdfIterations,
          newWrappedPrivateKey: next.body.wrappedPrivateKey,
        })
        .expect(403);

      expect(await accounts().findOneByOrFail({ username: 'Mondlicht' })).toEqual(before);
    });
  });

  describe('reset with the recovery code', () => {
    it('keeps the key pair, sets the new password and ends every session', async () => {
      const { client, identity } = await register('Mondlicht');
      const { recoveryKey, recoveryVerifier } = await deriveRecoveryKeys(identity.recoveryCode);

      const start = await agent()
        .post('/auth/recovery/start')
        .send({ username: 'mondlicht', recoveryVerifier: toBase64Url(recoveryVerifier) })
        .expect(200);
      const next = await makeIdentity('my brand new password here');
      const newKeys = await authKeyFor(next.password, next.body.kdfSalt);
      const wrapped = await rewrapPrivateKey(
        start.body.recoveryWrappedPrivateKey,
        recoveryKey,
        newKeys.wrapKey,
      );
      const newRecovery = await deriveRecoveryKeys(next.recoveryCode);
      const recoveryWrapped = await rewrapPrivateKey(
        start.body.recoveryWrappedPrivateKey,
        recoveryKey,
        newRecovery.recoveryKey,
      );

      await agent()
        .post('/auth/recovery/complete')
        .send({
          recoveryToken: start.body.recoveryToken,
          authKey: newKeys.authKey,
          kdfSalt: next.body.kdfSalt,
          kdfIterations: next.body.kdfIterations,
          wrappedPrivateKey: wrapped,
          recoveryWrappedPrivateKey: recoveryWrapped,
          recoveryVerifier: toBase64Url(newRecovery.recoveryVerifier),
        })
        .expect(204);

      await client.get('/auth/session').expect(401);
      const relogin = await login(agent(), 'Mondlicht', next.password);
      expect(relogin.status).toBe(200);
      expect(relogin.body.keys.publicKey).toBe(identity.body.publicKey);
      await agent()
        .post('/auth/recovery/start')
        .send({ username: 'Mondlicht', recoveryVerifier: toBase64Url(recoveryVerifier) })
        .expect(401);
    });

    it('answers a wrong code and an unknown name alike', async () => {
      await register('Mondlicht');
      const verifier = toBase64Url(new Uint8Array(32).fill(1));

      const wrong = await agent()
        .post('/auth/recovery/start')
        .send({ username: 'Mondlicht', recoveryVerifier: verifier })
        .expect(401);
      const unknown = await agent()
        .post('/auth/recovery/start')
        .send({ username: 'Sonnenschein', recoveryVerifier: verifier })
        .expect(401);

      expect(wrong.body).toEqual(unknown.body);
    });
  });

  describe('reset by e-mail link', () => {
    async function mailedToken(): Promise<string> {
      await app.get(ResetService).idle();
      const [mail] = await readOutbox(outbox);
      const match = /\/passwort-neu#([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '');
      if (!match) {
        throw new Error('no reset mail arrived');
      }
      return match[1];
    }

    it('mails a neutral link; the new identity replaces the old and every session ends', async () => {
      const { client, identity } = await register('Mondlicht', { email: 'mond@example.org' });

      await agent().post('/auth/reset/request').send({ username: 'mondlicht' }).expect(202);
      const token = await mailedToken();
      const [mail] = await readOutbox(outbox);
      expect(mail.to).toBe('mond@example.org');
      expect(mail.subject).toBe('Neuigkeiten');
      expect(mail.text).not.toContain('Mondlicht');

      const next = await makeIdentity('password after the reset');
      await agent()
        .post('/auth/reset/confirm')
        .send({ token, ...next.body })
        .expect(204);

      await client.get('/auth/session').expect(401);
      const relogin = await login(agent(), 'Mondlicht', next.password);
      expect(relogin.status).toBe(200);
      expect(relogin.body.keys.publicKey).toBe(next.body.publicKey);
      expect(relogin.body.keys.publicKey).not.toBe(identity.body.publicKey);
      const account = await accounts().findOneByOrFail({ username: 'Mondlicht' });
      expect(account.keyChangedAt).toBeInstanceOf(Date);

      await agent()
        .post('/auth/reset/confirm')
        .send({ token, ...next.body })
        .expect(400);
    });

    it('answers 202 for unknown names and names without e-mail, and sends nothing', async () => {
      await register('Mondlicht');

      await agent().post('/auth/reset/request').send({ username: 'Mondlicht' }).expect(202);
      await agent().post('/auth/reset/request').send({ username: 'Sonnenschein' }).expect(202);
      await app.get(ResetService).idle();

      expect(await readOutbox(outbox)).toEqual([]);
    });

    it('refuses an expired link', async () => {
      await register('Mondlicht', { email: 'mond@example.org' });
      await agent().post('/auth/reset/request').send({ username: 'Mondlicht' }).expect(202);
      const token = await mailedToken();
      jest.useFakeTimers({
        now: Date.now() + 31 * 60_000,
        doNotFake: ['nextTick', 'setImmediate'],
      });
      const next = await makeIdentity();

      try {
        await agent()
          .post('/auth/reset/confirm')
          .send({ token, ...next.body })
          .expect(400);
      } finally {
        jest.useRealTimers();
      }
    });
  });

  it('lets nobody without a session reach a protected route', async () => {
    await agent().get('/auth/session').expect(401);
    await agent().post('/auth/password').send({}).expect(401);
  });
});
