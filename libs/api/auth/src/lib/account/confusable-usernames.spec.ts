import { INestApplication } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import request from 'supertest';
import { Repository } from 'typeorm';
import { AuthTestApp, startAuthTestApp, makeIdentity } from '../../testing';
import { AccountEntity } from './account.entity';

/** Item 12 of issue 13: a name that looks like a taken one is taken (UTS #39 skeletons). */
describe('confusable usernames at registration', () => {
  let world: AuthTestApp;
  let app: INestApplication;

  beforeEach(async () => {
    world = await startAuthTestApp();
    ({ app } = world);
  });

  afterEach(() => world.close());

  const accounts = () => app.get<Repository<AccountEntity>>(getRepositoryToken(AccountEntity));

  async function register(username: string) {
    const identity = await makeIdentity();
    return request(app.getHttpServer())
      .post('/auth/register')
      .send({ username, ...identity.body });
  }

  it.each([
    ['anna', '\u0430nna', 'a Cyrillic а'],
    ['iris', '\u0131ris', 'a dotless ı'],
    ['Iris', '\u0131RIS', 'a dotless ı, other letter case'],
    ['anna', '\u0410NNA', 'a Cyrillic А in capitals'],
    ['bob', 'b0b', 'the digit 0 for o'],
    ['marie', 'rnarie', 'rn for m'],
  ])(
    'with %s taken, refuses %s (%s) with the answer for a taken name',
    async (taken, lookalike) => {
      expect((await register(taken)).status).toBe(201);
      const same = await register(taken);

      const confusable = await register(lookalike);

      expect(same.status).toBe(409);
      expect(confusable.status).toBe(same.status);
      expect(confusable.body).toEqual(same.body);
      expect(confusable.headers['set-cookie']).toBeUndefined();
      expect(await accounts().countBy({ role: 'client' })).toBe(1);
      expect((await accounts().findOneByOrFail({ role: 'client' })).username).toBe(taken);
    },
  );

  it('refuses the look-alike also when it registers first', async () => {
    expect((await register('\u0430nna')).status).toBe(201);

    expect((await register('anna')).status).toBe(409);
  });

  it.each([
    ['m\u00fcller', 'muller'],
    ['m\u00fcller', 'mueller'],
    ['j\u00f6rg', 'jorg'],
    ['anna', 'anne'],
  ])(
    'lets %s and %s coexist, as UTS #39 tells them apart (visible diacritics count)',
    async (a, b) => {
      expect((await register(a)).status).toBe(201);
      expect((await register(b)).status).toBe(201);
      expect(await accounts().countBy({ role: 'client' })).toBe(2);
    },
  );

  it('lets only one of two look-alikes through when they register at the same moment', async () => {
    const [first, second] = await Promise.all([register('anna'), register('\u0430nna')]);

    expect([first.status, second.status].sort()).toEqual([201, 409]);
    expect(await accounts().countBy({ role: 'client' })).toBe(1);
  });

  it('stores the skeleton next to the name', async () => {
    await register('\u0410nna');

    const account = await accounts().findOneByOrFail({ role: 'client' });
    expect(account.username).toBe('\u0410nna');
    expect(account.usernameKey).toBe('\u0430nna');
    expect(account.usernameSkeleton).toBe('anna');
  });
});
