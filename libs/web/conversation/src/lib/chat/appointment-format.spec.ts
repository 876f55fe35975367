import { AppointmentResponse } from '@confidant/shared/api-interfaces';
import { formatAppointment } from './appointment-format';

const appointment = {
  localStart: '2026-12-04T14:30',
  localEnd: '2026-12-04T15:30',
  timeZone: 'Europe/Berlin',
} as AppointmentResponse;

describe('formatAppointment', () => {
  it("shows the centre's wall-clock time and says which zone it is", () => {
    expect(formatAppointment(appointment, 'de')).toBe(
      'Freitag, 4. Dezember 2026, 14:30–15:30 Uhr (deutsche Zeit)',
    );
    // ICU versions differ on the comma after the weekday.
    expect(formatAppointment(appointment, 'en')).toMatch(
      /^Friday,? 4 December 2026, 14:30–15:30 \(German time\)$/,
    );
  });

  it('names other zones by their identifier', () => {
    expect(formatAppointment({ ...appointment, timeZone: 'Europe/London' }, 'de')).toContain(
      '(Europe/London)',
    );
  });
});
