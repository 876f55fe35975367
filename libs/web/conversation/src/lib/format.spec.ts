import { formatDuration, promiseStatus } from './format';

const now = Date.parse('2026-11-27T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();

describe('promiseStatus', () => {
  it('is within the promise until the last day before it is due', () => {
    expect(promiseStatus(hoursAgo(47), 3, now)).toBe('within');
    expect(promiseStatus(hoursAgo(48), 3, now)).toBe('near');
    expect(promiseStatus(hoursAgo(71), 3, now)).toBe('near');
  });

  it('is past once the promised days are over', () => {
    expect(promiseStatus(hoursAgo(72), 3, now)).toBe('past');
    expect(promiseStatus(hoursAgo(24 * 10), 3, now)).toBe('past');
  });
});

describe('formatDuration', () => {
  it('counts minutes, then hours, then whole days', () => {
    expect(formatDuration(hoursAgo(0), 'de', now)).toBe('1 Minute');
    expect(formatDuration(hoursAgo(0.5), 'en', now)).toBe('30 minutes');
    expect(formatDuration(hoursAgo(1), 'de', now)).toBe('1 Stunde');
    expect(formatDuration(hoursAgo(30), 'en', now)).toBe('30 hours');
    expect(formatDuration(hoursAgo(24 * 3 + 5), 'de', now)).toBe('3 Tagen');
    expect(formatDuration(hoursAgo(24 * 2), 'en', now)).toBe('2 days');
  });
});
