import { Catalog } from '@confidant/web/core';

export interface ShellText {
  portalName: string;
  skipToContent: string;
  switchLanguage: string;
  switchLanguageLabel: string;
  quickExit: string;
  quickExitHint: string;
  phoneLabel: string;
  promise: (days: number) => string;
  privacy: string;
  imprint: string;
  footerNavigation: string;
  logout: string;
  logoutUnsent: string;
  nav: {
    label: string;
    inbox: string;
    account: string;
    counselling: string;
    statistics: string;
    appointments: string;
    team: string;
  };
  idleTitle: string;
  idleText: string;
  stayLoggedIn: string;
  logoutNow: string;
}

export const SHELL_TEXT: Catalog<ShellText> = {
  de: {
    portalName: 'Online-Beratung',
    skipToContent: 'Zum Inhalt springen',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    quickExit: 'Seite schnell verlassen',
    quickExitHint: 'Oder zweimal die Esc-Taste drücken.',
    phoneLabel: 'Schnelle Hilfe am Telefon:',
    promise: (days) => `Wir antworten in der Regel innerhalb von ${days} Tagen.`,
    privacy: 'Datenschutz',
    imprint: 'Impressum',
    footerNavigation: 'Rechtliches',
    logout: 'Abmelden',
    logoutUnsent:
      'Sie haben Text geschrieben, der noch nicht gesendet ist. Beim Abmelden geht er verloren. Trotzdem abmelden?',
    nav: {
      label: 'Bereiche',
      inbox: 'Nachrichten',
      account: 'Konto',
      counselling: 'Beratung',
      statistics: 'Statistik',
      appointments: 'Termine',
      team: 'Team',
    },
    idleTitle: 'Sind Sie noch da?',
    idleText:
      'Sie werden in 2 Minuten abgemeldet, weil eine Weile nichts passiert ist. So schützen wir Ihre Nachrichten, falls Sie weggegangen sind.',
    stayLoggedIn: 'Angemeldet bleiben',
    logoutNow: 'Jetzt abmelden',
  },
  en: {
    portalName: 'Online counselling',
    skipToContent: 'Skip to content',
    switchLanguage: 'Deutsch',
    switchLanguageLabel: 'Auf Deutsch umschalten',
    quickExit: 'Leave this site quickly',
    quickExitHint: 'Or press the Esc key twice.',
    phoneLabel: 'Quick help by phone:',
    promise: (days) => `We usually answer within ${days} days.`,
    privacy: 'Privacy',
    imprint: 'Imprint',
    footerNavigation: 'Legal',
    logout: 'Log out',
    logoutUnsent:
      'You have written text that is not sent yet. It is lost when you log out. Log out anyway?',
    nav: {
      label: 'Sections',
      inbox: 'Messages',
      account: 'Account',
      counselling: 'Counselling',
      statistics: 'Statistics',
      appointments: 'Appointments',
      team: 'Team',
    },
    idleTitle: 'Are you still there?',
    idleText:
      'You will be logged out in 2 minutes because nothing has happened for a while. This protects your messages in case you have left.',
    stayLoggedIn: 'Stay logged in',
    logoutNow: 'Log out now',
  },
};
