/** A date and time that cannot be used; the message says why, for a 400 answer. */
export class CentreTimeError extends Error {
  override name = 'CentreTimeError';
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Throws a RangeError for a time zone name that the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts['year'],
    month: parts['month'],
    day: parts['day'],
    hour: parts['hour'],
    minute: parts['minute'],
    second: parts['second'],
  };
}

const asUtc = (clock: WallClock) =>
  Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);

/** Minutes the zone is ahead of UTC at an instant (Berlin: 60 in winter, 120 in summer). */
function offsetMinutes(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return (asUtc(wallClockAt(whole, timeZone)) - whole) / 60_000;
}

/**
 * The instant of an ISO 8601 date and time: with `Z` or an offset as written; without, as a
 * wall-clock time in `timeZone`. A time that the clocks skip (spring forward) is refused; one
 * they pass twice (autumn) means the first.
 */
export function parseCentreTime(text: string, timeZone: string): Date {
  const match = PATTERN.exec(text);
  if (!match) {
    throw new CentreTimeError('startsAt must be an ISO 8601 date and time');
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const clock: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
  };
  const wall = asUtc(clock);
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== clock.year ||
    back.getUTCMonth() + 1 !== clock.month ||
    back.getUTCDate() !== clock.day ||
    back.getUTCHours() !== clock.hour ||
    back.getUTCMinutes() !== clock.minute ||
    back.getUTCSeconds() !== clock.second
  ) {
    throw new CentreTimeError('startsAt is not a real date and time');
  }
  const millis = Number((fraction ?? '0').padEnd(3, '0'));
  if (zone) {
    const sign = zone === 'Z' ? 0 : zone.startsWith('-') ? -1 : 1;
    const offset = sign === 0 ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
    return new Date(wall + millis - offset * 60_000);
  }
  // The offsets in force a day either side cover any change of the clocks in between.
  const candidates = [
    ...new Set([-1, 1].map((days) => offsetMinutes(wall + days * 86_400_000, timeZone))),
  ]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => asUtc(wallClockAt(instant, timeZone)) === wall)
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    throw new CentreTimeError(`startsAt does not exist in ${timeZone} (the clocks skip it)`);
  }
  return new Date(candidates[0] + millis);
}

/** `YYYY-MM-DDTHH:mm` of an instant in the zone. */
export function localTime(instant: Date, timeZone: string): string {
  const clock = wallClockAt(instant.getTime(), timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${clock.year}-${two(clock.month)}-${two(clock.day)}T${two(clock.hour)}:${two(clock.minute)}`;
}
