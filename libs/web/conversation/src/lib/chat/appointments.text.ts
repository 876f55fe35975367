import { AppointmentStatus } from '@confidant/shared/api-interfaces';
import { Catalog } from '@confidant/web/core';

export interface AppointmentsText {
  title: string;
  intro: { client: string; staff: string };
  none: string;
  status: Record<AppointmentStatus, string>;
  ended: string;
  waitingInRoom: string;
  enterRoom: string;
  openRoom: string;
  toRoom: string;
  roomLater: string;
  accept: string;
  decline: string;
  cancel: string;
  cancelledBy: { client: string; staff: string };
  withReason: (by: string, reason: string) => string;
  reasonLabel: string;
  reasonHint: string;
  confirmCancel: string;
  keep: string;
  reasonRequired: string;
  calendar: string;
  calendarWarning: string;
  proposeTitle: string;
  proposeIntro: (zone: string) => string;
  slotLegend: (index: number) => string;
  dateLabel: string;
  timeLabel: string;
  durationLabel: string;
  minutes: (count: number) => string;
  addAlternative: string;
  removeAlternative: string;
  propose: string;
  proposed: string;
  accepted: string;
  declined: string;
  cancelled: string;
  failed: string;
  conflict: string;
  slotRequired: string;
}

export const APPOINTMENTS_TEXT: Catalog<AppointmentsText> = {
  de: {
    title: 'Chat-Termine',
    intro: {
      client:
        'Ihre Beraterin kann Ihnen Termine für einen Chat vorschlagen. Zur vereinbarten Zeit öffnet sie den Chatraum, und Sie schreiben sich direkt.',
      staff:
        'Schlagen Sie einen oder mehrere Termine vor; die Klientin nimmt einen davon an. Den Chatraum öffnen Sie ab zehn Minuten vor Beginn.',
    },
    none: 'Es gibt keine Termine.',
    status: {
      proposed: 'Vorgeschlagen',
      accepted: 'Vereinbart',
      declined: 'Abgelehnt',
      cancelled: 'Abgesagt',
    },
    ended: 'Vorbei',
    waitingInRoom: 'Ihre Beraterin wartet im Chatraum.',
    enterRoom: 'Chatraum betreten',
    openRoom: 'Chatraum öffnen',
    toRoom: 'Zum Chatraum',
    roomLater: 'Der Chatraum lässt sich ab zehn Minuten vor Beginn öffnen.',
    accept: 'Termin annehmen',
    decline: 'Ablehnen',
    cancel: 'Absagen',
    cancelledBy: { client: 'Abgesagt von der Klientin', staff: 'Abgesagt von der Beraterin' },
    withReason: (by, reason) => `${by}: „${reason}“`,
    reasonLabel: 'Kurzer Grund',
    reasonHint: 'Verschlüsselt wie eine Nachricht.',
    confirmCancel: 'Termin absagen',
    keep: 'Nicht absagen',
    reasonRequired: 'Bitte nennen Sie kurz einen Grund.',
    calendar: 'In den Kalender übernehmen',
    calendarWarning:
      'Achtung: Einen Kalendereintrag können andere sehen, etwa auf einem geteilten Handy oder Computer. Der Eintrag heißt nur „Termin“ und nennt weder die Beratungsstelle noch Namen.',
    proposeTitle: 'Termin vorschlagen',
    proposeIntro: (zone) =>
      `Datum und Uhrzeit gelten in der Zeitzone der Beratungsstelle (${zone}).`,
    slotLegend: (index) => (index === 0 ? 'Termin' : `Alternative ${index}`),
    dateLabel: 'Datum',
    timeLabel: 'Uhrzeit',
    durationLabel: 'Dauer',
    minutes: (count) => `${count} Minuten`,
    addAlternative: 'Weiteren Termin zur Auswahl',
    removeAlternative: 'Alternative entfernen',
    propose: 'Vorschlagen',
    proposed:
      'Der Vorschlag ist gesendet. Hat die Klientin eine E-Mail-Adresse hinterlegt, bekommt sie dorthin einen neutralen Hinweis, sobald er versandt werden kann.',
    accepted: 'Sie haben den Termin angenommen.',
    declined: 'Sie haben den Vorschlag abgelehnt.',
    cancelled: 'Der Termin ist abgesagt.',
    failed: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
    conflict: 'Der Termin hat sich inzwischen geändert. Die Liste ist jetzt aktuell.',
    slotRequired: 'Bitte wählen Sie Datum und Uhrzeit in der Zukunft.',
  },
  en: {
    title: 'Chat appointments',
    intro: {
      client:
        'Your counsellor can propose dates for a chat. At the agreed time she opens the chat room and you write to each other directly.',
      staff:
        'Propose one or more dates; the client accepts one of them. You can open the chat room from ten minutes before the start.',
    },
    none: 'There are no appointments.',
    status: {
      proposed: 'Proposed',
      accepted: 'Agreed',
      declined: 'Declined',
      cancelled: 'Cancelled',
    },
    ended: 'Over',
    waitingInRoom: 'Your counsellor is waiting in the chat room.',
    enterRoom: 'Enter the chat room',
    openRoom: 'Open the chat room',
    toRoom: 'Go to the chat room',
    roomLater: 'The chat room can be opened from ten minutes before the start.',
    accept: 'Accept this date',
    decline: 'Decline',
    cancel: 'Cancel',
    cancelledBy: { client: 'Cancelled by the client', staff: 'Cancelled by the counsellor' },
    withReason: (by, reason) => `${by}: “${reason}”`,
    reasonLabel: 'Short reason',
    reasonHint: 'Encrypted like a message.',
    confirmCancel: 'Cancel the appointment',
    keep: 'Keep it',
    reasonRequired: 'Please give a short reason.',
    calendar: 'Add to calendar',
    calendarWarning:
      'Careful: others may see a calendar entry, for example on a shared phone or computer. The entry is only called “Appointment” and names neither the centre nor anyone.',
    proposeTitle: 'Propose a date',
    proposeIntro: (zone) => `Date and time are in the counselling centre’s time zone (${zone}).`,
    slotLegend: (index) => (index === 0 ? 'Date' : `Alternative ${index}`),
    dateLabel: 'Day',
    timeLabel: 'Time',
    durationLabel: 'Length',
    minutes: (count) => `${count} minutes`,
    addAlternative: 'Offer another date',
    removeAlternative: 'Remove this alternative',
    propose: 'Propose',
    proposed:
      'The proposal is sent. If the client left an e-mail address, she gets a neutral notice there as soon as it can be sent.',
    accepted: 'You accepted the date.',
    declined: 'You declined the proposal.',
    cancelled: 'The appointment is cancelled.',
    failed: 'That did not work. Please try again.',
    conflict: 'The appointment changed meanwhile. The list is up to date now.',
    slotRequired: 'Please choose a date and time in the future.',
  },
};
