import { ChatLimitSettings, ChatSlot, MemoryChatLimits } from './chat-limits';

const SETTINGS: ChatLimitSettings = {
  socketsPerSession: 2,
  socketsPerAccount: 3,
  eventsPerSecond: 1,
  eventBurst: 4,
  messagesPerSecond: 1,
  messageBurst: 2,
};

const slot = (socketId: string, sessionKey = 's1', accountId = 'a1'): ChatSlot => ({
  socketId,
  sessionKey,
  accountId,
});

describe('MemoryChatLimits', () => {
  let now: number;
  let limits: MemoryChatLimits;

  beforeEach(() => {
    now = 1_000_000;
    limits = new MemoryChatLimits(SETTINGS, 100, () => now);
  });

  const takeMany = async (accountId: string, cost: 'event' | 'message', times: number) => {
    const answers: boolean[] = [];
    for (let i = 0; i < times; i++) {
      answers.push(await limits.take(accountId, cost));
    }
    return answers;
  };

  it('counts sockets per session and per account, and forgets them when they go', async () => {
    expect(await limits.admit(slot('x1'))).toBe(true);
    expect(await limits.admit(slot('x2'))).toBe(true);
    expect(await limits.admit(slot('x3'))).toBe(false);
    expect(await limits.admit(slot('y1', 's2'))).toBe(true);
    expect(await limits.admit(slot('y2', 's2'))).toBe(false); // the account's third is its last
    expect(await limits.admit(slot('z1', 's3', 'a2'))).toBe(true);

    await limits.release(slot('x1'));
    await limits.release(slot('x1'));
    expect(await limits.admit(slot('x4'))).toBe(true);
    for (const id of ['x2', 'x4']) {
      await limits.release(slot(id));
    }
    await limits.release(slot('y1', 's2'));
    await limits.release(slot('z1', 's3', 'a2'));
    expect(limits.sizes).toMatchObject({ sessions: 0, accounts: 0 });
  });

  it('replaces a previous socket only of the same session', async () => {
    await limits.admit(slot('x1'));
    await limits.admit(slot('x2'));

    expect(await limits.admit(slot('y1', 's2'), 'x1')).toBe(true); // s2 cannot free x1…
    expect(await limits.admit(slot('x3'), 'x1')).toBe(true); // …but x1's own tab can
    expect(await limits.admit(slot('x4'))).toBe(false);
  });

  it('shares one budget per account, refills it over time, and keeps it across reconnections', async () => {
    expect(await takeMany('a1', 'event', 5)).toEqual([true, true, true, true, false]);
    expect(await limits.take('a2', 'event')).toBe(true);

    await limits.admit(slot('x1'));
    await limits.release(slot('x1'));
    expect(await limits.take('a1', 'event')).toBe(false);
    now += 2000;
    expect(await takeMany('a1', 'event', 3)).toEqual([true, true, false]);
  });

  it('refuses messages over their own budget without using up events', async () => {
    expect(await takeMany('a1', 'message', 3)).toEqual([true, true, false]);
    expect(await takeMany('a1', 'event', 3)).toEqual([true, true, false]);
  });

  it('keeps at most its bound of budgets, dropping refilled ones first', async () => {
    for (let i = 0; i < 1000; i++) {
      await limits.take(`account-${i}`, 'event');
      expect(limits.sizes.budgets).toBeLessThanOrEqual(100);
    }
    // A budget in use survives a flood of others while the ones that refilled go.
    limits = new MemoryChatLimits(SETTINGS, 100, () => now);
    await takeMany('busy', 'event', 4);
    now += 10_000;
    for (let i = 0; i < 99; i++) {
      await limits.take(`idle-${i}`, 'event');
    }
    now += 10_000; // the idle ones have refilled
    await takeMany('busy', 'event', 4);
    await limits.take('newcomer', 'event');
    expect(await limits.take('busy', 'event')).toBe(false);
    expect(limits.sizes.budgets).toBeLessThanOrEqual(100);
  });
});
