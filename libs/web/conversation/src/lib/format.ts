import { ConversationState } from '@confidant/shared/api-interfaces';
import { Catalog, Language } from '@confidant/web/core';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Where a waiting client stands against the centre's promise to answer within `responseDays`. */
export type PromiseStatus = 'within' | 'near' | 'past';

/** "Near" is the last day before the promised answer is due. */
export function promiseStatus(
  waitingSince: string,
  responseDays: number,
  now = Date.now(),
): PromiseStatus {
  const due = Date.parse(waitingSince) + responseDays * DAY_MS;
  if (now >= due) {
    return 'past';
  }
  return due - now <= DAY_MS ? 'near' : 'within';
}

export interface FormatText {
  states: Record<ConversationState, string>;
  waitingFor: (duration: string) => string;
  promise: Record<PromiseStatus, string>;
  unread: (count: number) => string;
}

export const FORMAT_TEXT: Catalog<FormatText> = {
  de: {
    states: {
      'waiting-for-counsellor': 'Wartet auf Antwort',
      'waiting-for-client': 'Beantwortet',
      closed: 'Abgeschlossen',
    },
    waitingFor: (duration) => `wartet seit ${duration}`,
    promise: {
      within: 'im Rahmen der Zusage',
      near: 'Antwortzusage läuft bald ab',
      past: 'Antwortzusage überschritten',
    },
    unread: (count) => (count === 1 ? '1 neue Nachricht' : `${count} neue Nachrichten`),
  },
  en: {
    states: {
      'waiting-for-counsellor': 'Waiting for an answer',
      'waiting-for-client': 'Answered',
      closed: 'Closed',
    },
    waitingFor: (duration) => `waiting for ${duration}`,
    promise: {
      within: 'within the promise',
      near: 'answer promise ends soon',
      past: 'answer promise passed',
    },
    unread: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  },
};

/** "3 Stunden", "2 Tagen" / "3 hours", "2 days": how long someone has been waiting. */
export function formatDuration(since: string, language: Language, now = Date.now()): string {
  const ms = Math.max(0, now - Date.parse(since));
  const [value, unit] =
    ms < HOUR_MS
      ? [Math.max(1, Math.round(ms / 60_000)), 'minute' as const]
      : ms < 2 * DAY_MS
        ? [Math.round(ms / HOUR_MS), 'hour' as const]
        : [Math.floor(ms / DAY_MS), 'day' as const];
  const units = {
    de: { minute: ['Minute', 'Minuten'], hour: ['Stunde', 'Stunden'], day: ['Tag', 'Tagen'] },
    en: { minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'] },
  }[language][unit];
  return `${value} ${value === 1 ? units[0] : units[1]}`;
}

/** Date and time in the portal's language, e.g. "27.11.2026, 14:05". */
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
