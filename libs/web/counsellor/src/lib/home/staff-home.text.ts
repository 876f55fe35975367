import { Role } from '@confidant/shared/api-interfaces';
import { Catalog } from '@confidant/web/core';
import { MineFilter } from './conversation-listing';

export interface StaffHomeText {
  dateLocale: string;
  title: string;
  greeting: (name: string) => string;
  signedInAs: (username: string, role: string) => string;
  roles: Record<Role, string>;
  teamKeyTitle: string;
  hasTeamKey: string;
  noTeamKey: string;
  noTeamKeyLists: string;
  refresh: string;
  refreshed: string;
  loading: string;
  loadFailed: string;
  tryAgain: string;
  untitled: (date: string) => string;
  received: (date: string) => string;
  lastMessage: (date: string) => string;
  queueTitle: string;
  queueIntro: string;
  queueEmpty: string;
  takeOver: string;
  takenByColleague: string;
  takeOverFailed: string;
  mineTitle: string;
  filterLabel: string;
  filters: Record<MineFilter, string>;
  shown: (count: number) => string;
  mineEmpty: Record<MineFilter, string>;
  counsellor: (name: string) => string;
  unassigned: string;
  keyChanged: string;
  leadTitle: string;
  teamIntro: string;
  toTeam: string;
  statisticsIntro: string;
  toStatistics: string;
}

export const STAFF_HOME_TEXT: Catalog<StaffHomeText> = {
  de: {
    dateLocale: 'de-DE',
    title: 'Beratung',
    greeting: (name) => `Willkommen, ${name}`,
    signedInAs: (username, role) => `Angemeldet als „${username}“ (${role}).`,
    roles: { client: 'Klientin', counsellor: 'Beraterin', lead: 'Leitung' },
    teamKeyTitle: 'Teamschlüssel',
    hasTeamKey: 'Sie haben den Teamschlüssel.',
    noTeamKey:
      'Sie können noch keine Nachrichten lesen, bis eine Leitung Ihnen den Teamschlüssel freigibt.',
    noTeamKeyLists:
      'Neue Anfragen erscheinen hier, sobald Sie den Teamschlüssel haben. Mit „Aktualisieren“ prüfen Sie, ob er inzwischen freigegeben ist.',
    refresh: 'Aktualisieren',
    refreshed: 'Der Stand ist aktualisiert.',
    loading: 'Wird geladen …',
    loadFailed: 'Die Liste konnte nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    untitled: (date) => `Anfrage vom ${date}`,
    received: (date) => `Eingegangen: ${date}`,
    lastMessage: (date) => `Letzte Nachricht: ${date}`,
    queueTitle: 'Neue Anfragen',
    queueIntro: 'Anfragen, die noch niemand übernommen hat, die älteste zuerst.',
    queueEmpty: 'Im Moment wartet keine neue Anfrage.',
    takeOver: 'Übernehmen',
    takenByColleague: 'Eine Kollegin hat diese Anfrage gerade übernommen.',
    takeOverFailed:
      'Die Anfrage konnte nicht übernommen werden. Bitte versuchen Sie es noch einmal.',
    mineTitle: 'Meine Beratungen',
    filterLabel: 'Anzeigen',
    filters: {
      open: 'Offen',
      'waiting-for-counsellor': 'Wartet auf mich',
      'waiting-for-client': 'Wartet auf die Klientin',
      closed: 'Abgeschlossen',
      all: 'Alle Beratungen',
    },
    shown: (count) => (count === 1 ? '1 Beratung' : `${count} Beratungen`),
    mineEmpty: {
      open: 'Sie haben gerade keine offenen Beratungen.',
      'waiting-for-counsellor': 'Niemand wartet gerade auf Ihre Antwort.',
      'waiting-for-client': 'Keine Ihrer Beratungen wartet auf die Klientin.',
      closed: 'Sie haben noch keine Beratung abgeschlossen.',
      all: 'Es gibt noch keine Beratungen.',
    },
    counsellor: (name) => `Beraterin: ${name}`,
    unassigned: 'Noch nicht übernommen',
    keyChanged: 'Neuer Schlüssel der Klientin: Verlauf wieder freigeben',
    leadTitle: 'Leitung',
    teamIntro:
      'Laden Sie Beraterinnen ein, geben Sie ihnen den Teamschlüssel frei und ändern Sie die Einstellungen der Beratungsstelle.',
    toTeam: 'Team verwalten',
    statisticsIntro: 'Anonyme Zahlen: Anfragen je Monat und wie schnell sie beantwortet wurden.',
    toStatistics: 'Statistik ansehen',
  },
  en: {
    dateLocale: 'en-GB',
    title: 'Counselling',
    greeting: (name) => `Welcome, ${name}`,
    signedInAs: (username, role) => `Logged in as “${username}” (${role}).`,
    roles: { client: 'client', counsellor: 'counsellor', lead: 'lead' },
    teamKeyTitle: 'Team key',
    hasTeamKey: 'You hold the team key.',
    noTeamKey: 'You cannot read any messages yet, until a lead releases the team key to you.',
    noTeamKeyLists:
      'New enquiries appear here once you hold the team key. “Refresh” checks whether it has been released meanwhile.',
    refresh: 'Refresh',
    refreshed: 'Everything is up to date.',
    loading: 'Loading …',
    loadFailed: 'The list could not be loaded.',
    tryAgain: 'Try again',
    untitled: (date) => `Enquiry of ${date}`,
    received: (date) => `Received: ${date}`,
    lastMessage: (date) => `Last message: ${date}`,
    queueTitle: 'New enquiries',
    queueIntro: 'Enquiries nobody has taken over yet, oldest first.',
    queueEmpty: 'No new enquiry is waiting right now.',
    takeOver: 'Take over',
    takenByColleague: 'A colleague has just taken over this enquiry.',
    takeOverFailed: 'The enquiry could not be taken over. Please try again.',
    mineTitle: 'My counselling',
    filterLabel: 'Show',
    filters: {
      open: 'Open',
      'waiting-for-counsellor': 'Waiting for me',
      'waiting-for-client': 'Waiting for the client',
      closed: 'Closed',
      all: 'All counselling',
    },
    shown: (count) => (count === 1 ? '1 conversation' : `${count} conversations`),
    mineEmpty: {
      open: 'You have no open counselling right now.',
      'waiting-for-counsellor': 'Nobody is waiting for your answer right now.',
      'waiting-for-client': 'None of your conversations is waiting for the client.',
      closed: 'You have not closed any counselling yet.',
      all: 'There is no counselling yet.',
    },
    counsellor: (name) => `Counsellor: ${name}`,
    unassigned: 'Not taken over yet',
    keyChanged: 'The client’s key changed: release the history again',
    leadTitle: 'Lead',
    teamIntro:
      'Invite counsellors, release the team key to them and change the counselling centre’s settings.',
    toTeam: 'Manage the team',
    statisticsIntro: 'Anonymous figures: enquiries per month and how quickly they were answered.',
    toStatistics: 'View statistics',
  },
};
