import { AppointmentResponse } from '@confidant/shared/api-interfaces';
import { Language } from '@confidant/web/core';

/** Names of time zones as people say them; others are shown by their identifier. */
const ZONE_NAMES: Record<string, Record<Language, string>> = {
  'Europe/Berlin': { de: 'deutsche Zeit', en: 'German time' },
  'Europe/Vienna': { de: 'österreichische Zeit', en: 'Austrian time' },
  'Europe/Zurich': { de: 'Schweizer Zeit', en: 'Swiss time' },
};

/** "deutsche Zeit" for Europe/Berlin; the identifier for zones without a common name. */
export function zoneName(timeZone: string, language: Language): string {
  return ZONE_NAMES[timeZone]?.[language] ?? timeZone;
}

/** A wall-clock time `YYYY-MM-DDTHH:mm` as a Date whose UTC fields are those of the wall clock. */
function wallClock(local: string): Date {
  const [date, time] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

/**
 * "Freitag, 4. Dezember 2026, 14:30–15:30 Uhr (deutsche Zeit)": the appointment in the centre's
 * time zone whatever the browser's zone is, and saying which zone it is.
 */
export function formatAppointment(appointment: AppointmentResponse, language: Language): string {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(wallClock(appointment.localStart));
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    hour: '2-digit',
    minute: '2-digit',
  });
  const start = time.format(wallClock(appointment.localStart));
  const end = time.format(wallClock(appointment.localEnd));
  const zone = zoneName(appointment.timeZone, language);
  return language === 'de'
    ? `${date}, ${start}–${end} Uhr (${zone})`
    : `${date}, ${start}–${end} (${zone})`;
}
