import { BoundedThrottlerStorage } from './bounded-throttler-storage';

describe('BoundedThrottlerStorage', () => {
  const minute = 60_000;

  it('counts hits of a key within its window and blocks past the limit until the window ends', async () => {
    let now = 1_000_000;
    const storage = new BoundedThrottlerStorage(100, () => now);

    const hits = [];
    for (let i = 0; i < 4; i++) {
      hits.push(await storage.increment('k', 15 * minute, 3, 15 * minute, 'login-name'));
    }
    expect(hits.map((hit) => hit.isBlocked)).toEqual([false, false, false, true]);
    expect(hits[3].timeToBlockExpire).toBe(900);

    now += 15 * minute;
    expect(
      (await storage.increment('k', 15 * minute, 3, 15 * minute, 'login-name')).isBlocked,
    ).toBe(false);
  });

  it('keeps the counts of different throttlers apart', async () => {
    const storage = new BoundedThrottlerStorage();
    await storage.increment('k', minute, 1, minute, 'login-name');
    expect((await storage.increment('k', minute, 1, minute, 'prelogin-name')).totalHits).toBe(1);
  });

  it('takes back a forgiven hit, so that successes do not count', async () => {
    const storage = new BoundedThrottlerStorage();
    for (let i = 0; i < 50; i++) {
      await storage.increment('k', minute, 3, minute, 'login-name');
      storage.forgive('k', 'login-name');
    }
    expect((await storage.increment('k', minute, 3, minute, 'login-name')).totalHits).toBe(1);
  });

  it('never holds more windows than its bound, however many keys a flood brings', async () => {
    let now = 0;
    const storage = new BoundedThrottlerStorage(1_000, () => now);
    for (let i = 0; i < 20_000; i++) {
      now += 1;
      await storage.increment(`key-${i}`, 15 * minute, 10, 15 * minute, 'login-name');
    }
    expect(storage.size).toBe(1_000);
    // The newest windows are the ones kept.
    expect(
      (await storage.increment('key-19999', 15 * minute, 10, 15 * minute, 'login-name')).totalHits,
    ).toBe(2);
  });
});
