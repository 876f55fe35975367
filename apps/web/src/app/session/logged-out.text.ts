import { Catalog } from '@confidant/web/core';

export interface LoggedOutText {
  title: string;
  idle: string;
  deleted: string;
  done: string;
  close: string[];
  login: string;
  home: string;
}

export const LOGGED_OUT_TEXT: Catalog<LoggedOutText> = {
  de: {
    title: 'Sie sind abgemeldet',
    idle: 'Weil eine Weile nichts passiert ist, haben wir Sie zu Ihrem Schutz abgemeldet.',
    deleted:
      'Ihr Konto ist gelöscht, mit allen Nachrichten. Nichts davon lässt sich wiederherstellen.',
    done: 'Ihre Sitzung ist beendet, und die Schlüssel zu Ihren Nachrichten sind aus diesem Fenster gelöscht.',
    close: [
      'Schließen Sie jetzt bitte dieses Fenster – besonders, wenn es ein privates Fenster (Inkognito-Modus) ist. Dann bleibt im Browser nichts von Ihrem Besuch zurück.',
      'Auf einem Gerät, das auch andere benutzen, schließen Sie am besten den ganzen Browser.',
    ],
    login: 'Wieder anmelden',
    home: 'Zur Startseite',
  },
  en: {
    title: 'You are logged out',
    idle: 'Because nothing happened for a while, we logged you out for your protection.',
    deleted: 'Your account has been deleted, with all messages. None of it can be restored.',
    done: 'Your session has ended, and the keys to your messages have been removed from this window.',
    close: [
      'Please close this window now – especially if it is a private (incognito) window. Then nothing of your visit remains in the browser.',
      'On a device that others use too, it is best to close the whole browser.',
    ],
    login: 'Log in again',
    home: 'Go to the start page',
  },
};
