import { INestApplication } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import request from 'supertest';
import { Repository } from 'typeorm';
import { AuthTestApp, startAuthTestApp, makeIdentity } from '../../testing';
import { AccountEntity } from '../account/account.entity';
import { SessionPurge } from './session-purge';
import { SessionEntity } from './session.entity';
import { SessionService } from './session.service';

describe('SessionService', () => {
  let world: AuthTestApp;
  let app: INestApplication;

  beforeEach(async () => {
    world = await startAuthTestApp();
    ({ app } = world);
  });

  afterEach(() => world.close());

  const accounts = () => app.get<Repository<AccountEntity>>(getRepositoryToken(AccountEntity));
  const sessionRows = () => app.get<Repository<SessionEntity>>(getRepositoryToken(SessionEntity));
  const sessions = () => app.get(SessionService);

  async function register(username: string) {
    const identity = await makeIdentity();
    const client = request.agent(app.getHttpServer());
    const response = await client
      .post('/auth/register')
      .send({ username, ...identity.body })
      .expect(201);
    return { client, id: response.body.account.id as string };
  }

  it('gives requests the session and the account exactly as they are stored', async () => {
    const { id } = await register('Mondlicht');
    await accounts().update(id, { keyChangedAt: new Date(1764201600123), emailCiphertext: null });
    const { token, session } = await sessions().create(id, new Date(1764201700000));

    const auth = await sessions().resolve(token, new Date(1764201710000));

    const stored = await accounts().findOneByOrFail({ id });
    expect(auth?.account).toBeInstanceOf(AccountEntity);
    expect(auth?.account).toEqual(stored);
    expect(auth?.account.active).toBe(true);
    expect(auth?.account.keyChangedAt).toEqual(new Date(1764201600123));
    expect(auth?.session).toMatchObject({
      tokenHash: session.tokenHash,
      accountId: id,
      createdAt: new Date(1764201700000),
      lastSeenAt: new Date(1764201700000),
    });
    expect(await sessions().resolve('x'.repeat(43))).toBeNull();
  });

  it('moves the idle clock on with activity, writing it at most once a minute', async () => {
    const { id } = await register('Mondlicht');
    const start = new Date(1764201700000);
    const { token } = await sessions().create(id, start);
    const lastSeen = async () =>
      (
        await sessionRows().findOneByOrFail({ accountId: id, createdAt: start })
      ).lastSeenAt.getTime() - start.getTime();
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

    await sessions().resolve(token, at(0.5));
    expect(await lastSeen()).toBe(0);
    await sessions().resolve(token, at(29));
    expect(await lastSeen()).toBe(29 * 60_000);
    // 29 + 30 minutes: idle for 30 minutes since the last activity, not since the login.
    expect(await sessions().resolve(token, at(58))).not.toBeNull();
    expect(await sessions().resolve(token, at(88.5))).toBeNull();
    expect(await sessionRows().countBy({ accountId: id, createdAt: start })).toBe(0);
  });

  it('ends a session at once when it is deleted, or when her account is deactivated', async () => {
    const first = await register('Mondlicht');
    const second = await register('Sternschnuppe');
    await first.client.get('/auth/session').expect(200);
    await second.client.get('/auth/session').expect(200);

    await first.client.post('/auth/logout').expect(204);
    await accounts().update(second.id, { active: false });

    await first.client.get('/auth/session').expect(401);
    await second.client.get('/auth/session').expect(401);
  });

  it('purges sessions nobody came back to: idle ones and those past their lifetime', async () => {
    const { id } = await register('Mondlicht');
    await sessionRows().delete({ accountId: id });
    const start = new Date(1764201700000);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    await sessions().create(id, start); // left alone: idle after 30 minutes
    const busy = await sessions().create(id, start);
    const fresh = await sessions().create(id, at(60));
    // Busy all day: never idle, but past its lifetime (12 hours) in the end.
    await sessionRows().update({ tokenHash: busy.session.tokenHash }, { lastSeenAt: at(12 * 60) });
    await sessionRows().update({ tokenHash: fresh.session.tokenHash }, { lastSeenAt: at(12 * 60) });

    expect(await app.get(SessionPurge).run(at(45))).toBe(1);
    expect(await sessionRows().countBy({ accountId: id })).toBe(2);
    expect(await app.get(SessionPurge).run(at(12 * 60 + 5))).toBe(1);

    const left = await sessionRows().findBy({ accountId: id });
    expect(left).toHaveLength(1);
    expect(left.map((row) => row.tokenHash)).toEqual([fresh.session.tokenHash]);
    expect(await sessions().resolve(fresh.token, at(12 * 60 + 6))).not.toBeNull();
  });
});
