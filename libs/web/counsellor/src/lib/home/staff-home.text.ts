import { Role } from '@confidant/shared/api-interfaces';
import { Catalog } from '@confidant/web/core';

export interface StaffHomeText {
  title: string;
  greeting: (name: string) => string;
  signedInAs: (username: string, role: string) => string;
  roles: Record<Role, string>;
  teamKeyTitle: string;
  hasTeamKey: string;
  noTeamKey: string;
  refresh: string;
  refreshed: string;
  queueLater: string;
  teamTitle: string;
  teamIntro: string;
  toTeam: string;
}

export const STAFF_HOME_TEXT: Catalog<StaffHomeText> = {
  de: {
    title: 'Beratung',
    greeting: (name) => `Willkommen, ${name}`,
    signedInAs: (username, role) => `Angemeldet als „${username}“ (${role}).`,
    roles: { client: 'Klientin', counsellor: 'Beraterin', lead: 'Leitung' },
    teamKeyTitle: 'Teamschlüssel',
    hasTeamKey:
      'Sie haben den Teamschlüssel. Sie können die Nachrichten lesen, die an das Team gehen.',
    noTeamKey:
      'Sie können noch keine Nachrichten lesen, bis eine Leitung Ihnen den Teamschlüssel freigibt.',
    refresh: 'Erneut prüfen',
    refreshed: 'Der Stand ist aktualisiert.',
    queueLater: 'Die Liste der Anfragen erscheint hier, sobald die Beratung freigeschaltet ist.',
    teamTitle: 'Team und Einstellungen',
    teamIntro:
      'Laden Sie Beraterinnen ein, geben Sie ihnen den Teamschlüssel frei und ändern Sie die Einstellungen der Beratungsstelle.',
    toTeam: 'Team verwalten',
  },
  en: {
    title: 'Counselling',
    greeting: (name) => `Welcome, ${name}`,
    signedInAs: (username, role) => `Logged in as “${username}” (${role}).`,
    roles: { client: 'client', counsellor: 'counsellor', lead: 'lead' },
    teamKeyTitle: 'Team key',
    hasTeamKey: 'You hold the team key. You can read the messages sent to the team.',
    noTeamKey: 'You cannot read any messages yet, until a lead releases the team key to you.',
    refresh: 'Check again',
    refreshed: 'The status is up to date.',
    queueLater: 'The list of enquiries will appear here once counselling is switched on.',
    teamTitle: 'Team and settings',
    teamIntro:
      'Invite counsellors, release the team key to them and change the counselling centre’s settings.',
    toTeam: 'Manage the team',
  },
};
