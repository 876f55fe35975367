import { TestBed } from '@angular/core/testing';
import { IDLE_WARNING_MS, IdleTimer } from './idle-timer';

describe('IdleTimer', () => {
  const start = Date.parse('2026-03-01T10:00:00Z');
  let timer: IdleTimer;
  let expire: jest.Mock;

  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    timer = TestBed.inject(IdleTimer);
    expire = jest.fn();
  });

  afterEach(() => jest.useRealTimers());

  it('warns two minutes before the deadline and expires at it', () => {
    timer.start(start + 30 * 60_000, expire);
    expect(timer.warning()).toBe(false);

    jest.advanceTimersByTime(30 * 60_000 - IDLE_WARNING_MS - 1);
    expect(timer.warning()).toBe(false);
    jest.advanceTimersByTime(1);
    expect(timer.warning()).toBe(true);
    expect(expire).not.toHaveBeenCalled();

    jest.advanceTimersByTime(IDLE_WARNING_MS);
    expect(expire).toHaveBeenCalledTimes(1);
    expect(timer.warning()).toBe(false);
    expect(timer.deadline()).toBeNull();
  });

  it('moves the deadline when activity extends it, and hides the warning', () => {
    timer.start(start + 30 * 60_000, expire);
    jest.advanceTimersByTime(29 * 60_000);
    expect(timer.warning()).toBe(true);

    timer.start(Date.now() + 30 * 60_000, expire);

    expect(timer.warning()).toBe(false);
    jest.advanceTimersByTime(29 * 60_000);
    expect(expire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60_000);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('expires at once when the device slept past the deadline', () => {
    timer.start(start + 30 * 60_000, expire);
    // A sleeping laptop does not run timers; the clock jumps on waking.
    jest.setSystemTime(start + 45 * 60_000);

    timer.check();

    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('does nothing after stop', () => {
    timer.start(start + 30 * 60_000, expire);
    timer.stop();
    jest.advanceTimersByTime(60 * 60_000);
    expect(expire).not.toHaveBeenCalled();
    expect(timer.warning()).toBe(false);
  });
});
