import { Catalog, PORTAL_TRUTHS } from '@confidant/web/core';

export interface LandingText {
  title: string;
  intro: string;
  register: string;
  login: string;
  toAccount: string;
  howTitle: string;
  steps: (days: number) => { title: string; text: string }[];
  anonymousTitle: string;
  anonymous: string[];
  emailTitle: string;
  email: string[];
  privateTitle: string;
  private: string[];
  deletionTitle: string;
  deletion: (months: number) => string[];
  phoneTitle: string;
  phone: string;
  /** Beside the first buttons, so that the number is on the first screen of a phone. */
  phoneNow: string;
  emergency: string;
  safetyTitle: string;
  safety: string[];
}

export const LANDING_TEXT: Catalog<LandingText> = {
  de: {
    title: 'Schreiben Sie uns – anonym und vertraulich',
    intro:
      'Hier können Sie sich von unseren Beraterinnen beraten lassen, ohne Ihren Namen zu nennen und ' +
      'ohne zu uns zu kommen. Sie schreiben, wann es Ihnen passt. Was Sie uns schreiben, bleibt ' +
      'zwischen Ihnen und Ihrer Beraterin.',
    register: 'Konto anlegen',
    login: 'Anmelden',
    toAccount: 'Zu Ihrem Konto',
    howTitle: 'So funktioniert die Online-Beratung',
    steps: (days) => [
      {
        title: 'Konto anlegen',
        text: 'Sie wählen einen Benutzernamen und ein Passwort. Einen echten Namen brauchen wir nicht.',
      },
      {
        title: 'Nachricht schreiben',
        text: 'Beschreiben Sie in Ihren eigenen Worten, was Sie beschäftigt. Es gibt kein richtig oder falsch.',
      },
      {
        title: 'Antwort erhalten',
        text: `Eine Beraterin übernimmt Ihre Anfrage und antwortet in der Regel innerhalb von ${days} Tagen. Sie schreiben sich weiter wie per Brief.`,
      },
      {
        title: 'Im Chat sprechen',
        text: 'Wenn Sie möchten, verabreden Sie mit Ihrer Beraterin einen Termin für einen Live-Chat.',
      },
    ],
    anonymousTitle: 'Ohne App und ohne persönliche Daten',
    anonymous: [
      'Sie brauchen nur diesen Browser. Es gibt nichts zu installieren.',
      'Wir fragen nicht nach Ihrem Namen, Ihrer Adresse oder Ihrer Telefonnummer. Wählen Sie einen Benutzernamen, der nichts über Sie verrät.',
    ],
    emailTitle: 'E-Mail-Adresse? Nur wenn Sie möchten',
    email: [
      'Mit einer E-Mail-Adresse erfahren Sie, dass eine neue Antwort da ist, und können ein vergessenes Passwort über einen Link neu setzen. Die Nachricht selbst steht nie in der E-Mail, nur ein Hinweis ohne Namen.',
      'Lassen Sie die Adresse weg, wenn jemand anderes Ihr Postfach lesen könnte. Ohne E-Mail hilft Ihnen der Wiederherstellungscode, den Sie bei der Anmeldung bekommen.',
    ],
    privateTitle: PORTAL_TRUTHS.de.whoReadsTitle,
    private: [
      PORTAL_TRUTHS.de.whoReads,
      'Auf unserem Server liegt nur verschlüsselter Text. Wer dort Zugriff hat, kann ihn nicht lesen.',
    ],
    deletionTitle: 'Löschen, wann Sie wollen',
    deletion: (months) => [
      PORTAL_TRUTHS.de.retention(months),
      'Gelöscht ist alles weg, auch für Ihre Beraterin, und nichts lässt sich wiederherstellen.',
    ],
    phoneTitle: 'Sie brauchen schneller Hilfe?',
    phone: 'Rufen Sie uns an:',
    phoneNow: 'Lieber gleich sprechen? Rufen Sie uns an:',
    emergency: 'In akuter Gefahr wählen Sie bitte den Notruf 110.',
    safetyTitle: 'So bleiben Sie sicher',
    safety: [
      'Öffnen Sie das Portal in einem privaten Fenster (Inkognito-Modus). Dann merkt sich der Browser nicht, dass Sie hier waren.',
      'Melden Sie sich ab, wenn Sie fertig sind, und schließen Sie danach das Fenster.',
      'Wenn jemand kommt: Der Knopf „Seite schnell verlassen“ oben oder zweimal die Esc-Taste bringt Sie sofort auf eine harmlose Seite.',
    ],
  },
  en: {
    title: 'Write to us – anonymously and in confidence',
    intro:
      'Here you can get advice from our counsellors without giving your name and without coming to ' +
      'see us. You write whenever it suits you. What you write stays between you and your counsellor.',
    register: 'Create an account',
    login: 'Log in',
    toAccount: 'Go to your account',
    howTitle: 'How online counselling works',
    steps: (days) => [
      {
        title: 'Create an account',
        text: 'Choose a username and a password. We do not need your real name.',
      },
      {
        title: 'Write a message',
        text: 'Describe in your own words what is on your mind. There is no right or wrong.',
      },
      {
        title: 'Get an answer',
        text: `A counsellor takes on your enquiry and usually answers within ${days} days. You keep writing to each other, like letters.`,
      },
      {
        title: 'Talk in a chat',
        text: 'If you like, you can arrange a time with your counsellor for a live chat.',
      },
    ],
    anonymousTitle: 'No app and no personal data',
    anonymous: [
      'All you need is this browser. There is nothing to install.',
      'We do not ask for your name, your address or your phone number. Choose a username that says nothing about you.',
    ],
    emailTitle: 'An e-mail address? Only if you want',
    email: [
      'With an e-mail address you are told when a new answer has arrived, and you can reset a forgotten password through a link. The e-mail never contains the message itself, only a note without names.',
      'Leave the address out if someone else might read your mailbox. Without e-mail, the recovery code you receive when you sign up helps you back in.',
    ],
    privateTitle: PORTAL_TRUTHS.en.whoReadsTitle,
    private: [
      PORTAL_TRUTHS.en.whoReads,
      'Our server holds encrypted text only. Anyone with access to it cannot read it.',
    ],
    deletionTitle: 'Delete whenever you want',
    deletion: (months) => [
      PORTAL_TRUTHS.en.retention(months),
      'Once deleted, everything is gone, also for your counsellor, and nothing can be restored.',
    ],
    phoneTitle: 'Do you need help sooner?',
    phone: 'Call us:',
    phoneNow: 'Rather talk right away? Call us:',
    emergency: 'If you are in immediate danger, please call the emergency number 110.',
    safetyTitle: 'How to stay safe',
    safety: [
      'Open the portal in a private window (incognito mode). Then the browser does not remember that you were here.',
      'Log out when you are done, and close the window afterwards.',
      'If someone comes in: the "Leave this site quickly" button at the top, or pressing Esc twice, takes you straight to a harmless page.',
    ],
  },
};
