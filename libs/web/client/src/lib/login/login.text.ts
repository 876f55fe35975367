import { Catalog } from '@confidant/web/core';

export interface LoginText {
  title: string;
  intro: string;
  submit: string;
  ended: string;
  idle: string;
  forgot: string;
  noAccount: string;
  register: string;
  unlockTitle: string;
  unlockIntro: (username: string) => string;
  unlockSubmit: string;
  notYou: string;
  logout: string;
}

export const LOGIN_TEXT: Catalog<LoginText> = {
  de: {
    title: 'Anmelden',
    intro: 'Melden Sie sich mit Ihrem Benutzernamen und Ihrem Passwort an.',
    submit: 'Anmelden',
    ended: 'Ihre Sitzung wurde beendet. Bitte melden Sie sich neu an.',
    idle: 'Sie wurden abgemeldet, weil eine Weile nichts passiert ist. Bitte melden Sie sich neu an.',
    forgot: 'Passwort vergessen?',
    noAccount: 'Noch kein Konto?',
    register: 'Konto anlegen',
    unlockTitle: 'Bitte Passwort eingeben',
    unlockIntro: (username) =>
      `Sie sind noch als „${username}“ angemeldet. Weil die Seite neu geladen wurde, braucht der Browser Ihr Passwort noch einmal, um Ihre Nachrichten zu entschlüsseln.`,
    unlockSubmit: 'Entsperren',
    notYou: 'Das sind nicht Sie, oder Sie möchten gehen?',
    logout: 'Abmelden',
  },
  en: {
    title: 'Log in',
    intro: 'Log in with your username and your password.',
    submit: 'Log in',
    ended: 'Your session has ended. Please log in again.',
    idle: 'You were logged out because nothing happened for a while. Please log in again.',
    forgot: 'Forgot your password?',
    noAccount: 'No account yet?',
    register: 'Create an account',
    unlockTitle: 'Please enter your password',
    unlockIntro: (username) =>
      `You are still logged in as “${username}”. Because the page was reloaded, the browser needs your password again to decrypt your messages.`,
    unlockSubmit: 'Unlock',
    notYou: 'Not you, or do you want to leave?',
    logout: 'Log out',
  },
};
