import { INestApplication } from '@nestjs/common';
import { getStorageToken } from '@nestjs/throttler';
import { toBase64Url } from '@confidant/shared/crypto';
import request from 'supertest';
import { AuthTestApp, startAuthTestApp, authKeyFor, makeIdentity } from '../../testing';
import { BoundedThrottlerStorage } from './bounded-throttler-storage';

/** The credential limits as a client meets them, on the real module and an in-memory database. */
describe('credential limits', () => {
  let world: AuthTestApp;
  let app: INestApplication;

  beforeEach(async () => {
    world = await startAuthTestApp();
    ({ app } = world);
  });

  afterEach(() => world.close());

  const http = () => request(app.getHttpServer());
  const counters = () => app.get<BoundedThrottlerStorage>(getStorageToken());
  const wrongAuthKey = toBase64Url(new Uint8Array(32));

  async function register(username: string, password = 'a long and quiet evening') {
    const identity = await makeIdentity(password);
    await http()
      .post('/auth/register')
      .send({ username, ...identity.body })
      .expect(201);
  }

  async function logIn(username: string, password = 'a long and quiet evening') {
    const prelogin = await http().post('/auth/prelogin').send({ username }).expect(200);
    const { authKey } = await authKeyFor(password, prelogin.body.kdfSalt);
    return http().post('/auth/login').send({ username, authKey });
  }

  describe('a body of the wrong shape is refused before anything counts or looks it up', () => {
    const wrongNames: [string, unknown][] = [
      ['a number', 12345],
      ['a boolean', true],
      ['an array', ['anna']],
      ['an object', { name: 'anna' }],
      ['null', null],
      ['a name of 20 000 characters', 'a'.repeat(20_000)],
    ];
    const routes = [
      '/auth/prelogin',
      '/auth/login',
      '/auth/register',
      '/auth/reset/request',
      '/auth/recovery/start',
    ];

    it.each(wrongNames)(
      'answers 400 to a username that is %s, on every credential route',
      async (_, username) => {
        for (const route of routes) {
          const response = await http().post(route).send({ username, authKey: wrongAuthKey });
          expect({ route, status: response.status }).toEqual({ route, status: 400 });
          expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        }
        expect(counters().size).toBe(0);
      },
    );
  });

  it('counts a name however it is spelled: spaces, case, NFKC and a byte order mark', async () => {
    await register('Mondlicht');
    const spellings = [
      'Mondlicht ',
      ' mondlicht',
      '\u00a0Mondlicht',
      '\ufeffMondlicht',
      'MONDLICHT',
      'ｍｏｎｄｌｉｃｈｔ',
    ];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const username = spellings[attempt % spellings.length];
      statuses.push(
        (await http().post('/auth/login').send({ username, authKey: wrongAuthKey })).status,
      );
    }

    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // And the right password is refused too until the window ends: the name is what is guarded.
    expect((await logIn('Mondlicht')).status).toBe(429);
  });

  it('never locks out someone who logs in and out all day: only failures count per name', async () => {
    await register('Beraterin');
    const statuses: number[] = [];
    // More than the 10 a name may fail.
    for (let login = 0; login < 12; login++) {
      statuses.push((await logIn('Beraterin')).status);
    }
    expect(statuses).toEqual(Array(12).fill(200));

    // Failures still count after all those successes.
    for (let attempt = 0; attempt < 10; attempt++) {
      await http()
        .post('/auth/login')
        .send({ username: 'Beraterin', authKey: wrongAuthKey })
        .expect(401);
    }
    await http()
      .post('/auth/login')
      .send({ username: 'Beraterin', authKey: wrongAuthKey })
      .expect(429);
  });

  it('answers 429 with Retry-After and the usual error shape', async () => {
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      last = await http().post('/auth/reset/request').send({ username: 'niemand' });
      statuses.push(last.status);
    }

    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.body).toMatchObject({
      statusCode: 429,
      message: 'Too many attempts. Please wait a few minutes and try again.',
    });
  });

  it('keeps no name and no address in its counters, only fixed-size keyed hashes', async () => {
    await http().post('/auth/prelogin').send({ username: 'Sternenhimmel' }).expect(200);

    const keys = [...(counters() as unknown as { windows: Map<string, unknown> }).windows.keys()];
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(/^prelogin-(name|address)\|[A-Za-z0-9_-]{43}$/);
      expect(key.toLowerCase()).not.toContain('sternenhimmel');
      expect(key).not.toContain('127.0.0.1');
    }
  });
});
