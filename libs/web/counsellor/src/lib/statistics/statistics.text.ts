import { Catalog } from '@confidant/web/core';

export interface StatisticsText {
  locale: string;
  title: string;
  intro: string;
  back: string;
  loading: string;
  loadFailed: string;
  tryAgain: string;
  empty: string;
  caption: string;
  month: string;
  enquiries: string;
  answered: string;
  median: string;
  withinPromise: string;
  noAnswer: string;
  hours: (value: string) => string;
  days: (value: string) => string;
  share: (percent: string, count: number, of: number) => string;
  notes: string[];
}

export const STATISTICS_TEXT: Catalog<StatisticsText> = {
  de: {
    locale: 'de-DE',
    title: 'Statistik',
    intro:
      'Anonyme Zahlen der Beratungsstelle. Sie entstehen nur aus Zeitpunkten und sind keiner Klientin zugeordnet.',
    back: 'Zurück zur Beratung',
    loading: 'Die Statistik wird geladen …',
    loadFailed: 'Die Statistik konnte nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    empty: 'Es sind noch keine Anfragen eingegangen.',
    caption: 'Anfragen und erste Antworten je Monat, der neueste Monat zuerst',
    month: 'Monat',
    enquiries: 'Anfragen',
    answered: 'Beantwortet',
    median: 'Zeit bis zur ersten Antwort (Median)',
    withinPromise: 'Innerhalb der Zusage beantwortet',
    noAnswer: 'noch keine Antwort',
    hours: (value) => `${value} Std.`,
    days: (value) => `${value} Tage`,
    share: (percent, count, of) => `${percent} (${count} von ${of})`,
    notes: [
      'Eine Anfrage zählt in dem Monat, in dem sie eingegangen ist.',
      'Der Anteil innerhalb der Zusage bezieht sich auf alle Anfragen des Monats; die Zusage ist die, die beim Eingang galt.',
    ],
  },
  en: {
    locale: 'en-GB',
    title: 'Statistics',
    intro:
      'Anonymous figures of the counselling centre. They come from points in time only and are linked to no client.',
    back: 'Back to counselling',
    loading: 'Loading the statistics …',
    loadFailed: 'The statistics could not be loaded.',
    tryAgain: 'Try again',
    empty: 'No enquiries have arrived yet.',
    caption: 'Enquiries and first answers per month, latest month first',
    month: 'Month',
    enquiries: 'Enquiries',
    answered: 'Answered',
    median: 'Time to first answer (median)',
    withinPromise: 'Answered within the promise',
    noAnswer: 'no answer yet',
    hours: (value) => `${value} h`,
    days: (value) => `${value} days`,
    share: (percent, count, of) => `${percent} (${count} of ${of})`,
    notes: [
      'An enquiry counts in the month it arrived.',
      'The share within the promise is of all enquiries of the month; the promise is the one in force when the enquiry arrived.',
    ],
  },
};
