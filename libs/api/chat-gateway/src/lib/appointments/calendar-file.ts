import { AppointmentEntity } from './appointment.entity';
import { endsAt } from './appointment-view';

/** `20300517T123000Z`: an instant in the iCalendar UTC form. */
function icsTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Neutral on purpose: whoever sees her calendar learns nothing about counselling. */
export const CALENDAR_TITLE = 'Termin';
export const CALENDAR_FILE_NAME = 'termin.ics';

/**
 * An iCalendar file (RFC 5545) for an accepted appointment: start, end and the neutral title
 * only. No centre, no counsellor, no link, no description; the times are UTC, which every
 * calendar shows in its own zone.
 */
export function calendarFile(appointment: AppointmentEntity, now = new Date()): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${appointment.id}`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(appointment.startsAt)}`,
    `DTEND:${icsTime(endsAt(appointment))}`,
    `SUMMARY:${CALENDAR_TITLE}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
