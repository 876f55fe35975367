import { Catalog, PORTAL_TRUTHS } from '@confidant/web/core';

export interface AccountText {
  title: string;
  usernameLabel: string;
  deletion: (date: string) => string;
  dateLocale: string;
  next: string;
  safety: string;
  reminderTitle: string;
  reminderText: string;
  reminderAction: string;
  passwordTitle: string;
  passwordIntro: string;
  passwordSubmit: string;
  passwordDone: string;
  emailTitle: string;
  emailSet: (masked: string) => string;
  emailNone: string;
  emailWhy: string;
  email: string;
  emailInvalid: string;
  emailRequired: string;
  emailSave: string;
  emailChange: string;
  emailRemove: string;
  emailSaved: string;
  emailRemoved: string;
  recoveryTitle: string;
  recoveryIntro: string;
  recoverySubmit: string;
  recoveryDone: string;
  recoveryContinue: string;
  deleteTitle: string;
  deleteIntro: string[];
  deleteConfirm: string;
  deleteConfirmRequired: string;
  deleteSubmit: string;
  cancel: string;
}

export const ACCOUNT_TEXT: Catalog<AccountText> = {
  de: {
    title: 'Ihr Konto',
    usernameLabel: 'Benutzername',
    deletion: PORTAL_TRUTHS.de.deletionOn,
    dateLocale: 'de-DE',
    next: 'Ihr Konto ist eingerichtet. Hier ändern Sie Ihr Passwort, Ihre E-Mail-Adresse und Ihren Wiederherstellungscode, oder Sie löschen Ihr Konto.',
    safety:
      'Melden Sie sich ab, wenn Sie fertig sind, und schließen Sie danach das Fenster. Wenn eine Weile nichts passiert, melden wir Sie von selbst ab.',
    reminderTitle: 'Haben Sie Ihren Wiederherstellungscode?',
    reminderText:
      'Sie haben nicht bestätigt, dass Sie Ihren Wiederherstellungscode aufbewahrt haben. Ohne ihn können Sie Ihre Nachrichten nicht mehr lesen, wenn Sie Ihr Passwort vergessen. Erstellen Sie einen neuen Code und bewahren Sie ihn auf; der alte gilt dann nicht mehr.',
    reminderAction: 'Zum neuen Code',
    passwordTitle: 'Passwort ändern',
    passwordIntro:
      'Ihre Nachrichten bleiben lesbar. Wenn Sie noch an einem anderen Gerät angemeldet sind, wird diese Sitzung beendet.',
    passwordSubmit: 'Passwort ändern',
    passwordDone: 'Ihr Passwort ist geändert. Melden Sie sich ab jetzt mit dem neuen Passwort an.',
    emailTitle: 'E-Mail-Adresse',
    emailSet: (masked) =>
      `Hinterlegt ist ${masked}. Wir zeigen nur den ersten Buchstaben und die Domain, damit niemand, der auf Ihren Bildschirm sieht, die ganze Adresse liest. Gespeichert ist sie verschlüsselt.`,
    emailNone: 'Sie haben keine E-Mail-Adresse hinterlegt.',
    emailWhy:
      'Mit einer E-Mail-Adresse erfahren Sie, dass eine Antwort da ist, und können ein vergessenes Passwort über einen Link neu setzen. Lassen Sie sie weg, wenn jemand anderes Ihr Postfach lesen könnte.',
    email: 'E-Mail-Adresse',
    emailInvalid: 'Das sieht nicht wie eine E-Mail-Adresse aus.',
    emailRequired: 'Bitte geben Sie eine E-Mail-Adresse ein.',
    emailSave: 'E-Mail-Adresse speichern',
    emailChange: 'E-Mail-Adresse ändern',
    emailRemove: 'E-Mail-Adresse löschen',
    emailSaved: 'Ihre E-Mail-Adresse ist gespeichert.',
    emailRemoved: 'Ihre E-Mail-Adresse ist gelöscht.',
    recoveryTitle: 'Neuer Wiederherstellungscode',
    recoveryIntro:
      'Wenn Sie Ihren Code verloren haben oder jemand anderes ihn gesehen haben könnte, erstellen Sie einen neuen. Der alte gilt dann nicht mehr.',
    recoverySubmit: 'Neuen Code erstellen',
    recoveryDone: 'Ihr neuer Wiederherstellungscode gilt ab jetzt. Der alte ist ungültig.',
    recoveryContinue: 'Code ist aufbewahrt – fertig',
    deleteTitle: 'Konto löschen',
    deleteIntro: [
      'Wenn Sie Ihr Konto löschen, löschen wir sofort alles: Ihre Nachrichten, auch die Antworten Ihrer Beraterin, Ihre Termine und Ihre E-Mail-Adresse.',
      'Das lässt sich nicht rückgängig machen. Auch wir können danach nichts wiederherstellen, und Ihre Beraterin kann Ihre Nachrichten nicht mehr lesen.',
      'Sie können jederzeit ein neues Konto anlegen.',
    ],
    deleteConfirm: 'Ich möchte mein Konto und alle Nachrichten endgültig löschen.',
    deleteConfirmRequired: 'Bitte bestätigen Sie, dass Sie alles endgültig löschen möchten.',
    deleteSubmit: 'Konto endgültig löschen',
    cancel: 'Abbrechen',
  },
  en: {
    title: 'Your account',
    usernameLabel: 'Username',
    deletion: PORTAL_TRUTHS.en.deletionOn,
    dateLocale: 'en-GB',
    next: 'Your account is set up. Here you change your password, your e-mail address and your recovery code, or delete your account.',
    safety:
      'Log out when you are done, and close the window afterwards. If nothing happens for a while, we log you out automatically.',
    reminderTitle: 'Do you have your recovery code?',
    reminderText:
      'You have not confirmed that you kept your recovery code. Without it you can no longer read your messages if you forget your password. Make a new code and keep it; the old one then stops working.',
    reminderAction: 'To a new code',
    passwordTitle: 'Change password',
    passwordIntro:
      'Your messages stay readable. If you are logged in on another device too, that session ends.',
    passwordSubmit: 'Change password',
    passwordDone: 'Your password has been changed. From now on, log in with the new password.',
    emailTitle: 'E-mail address',
    emailSet: (masked) =>
      `Your address on file is ${masked}. We show only its first letter and the domain, so that nobody looking at your screen reads all of it. It is stored encrypted.`,
    emailNone: 'You have not given an e-mail address.',
    emailWhy:
      'With an e-mail address you are told when an answer has arrived, and you can reset a forgotten password through a link. Leave it out if someone else might read your mailbox.',
    email: 'E-mail address',
    emailInvalid: 'This does not look like an e-mail address.',
    emailRequired: 'Please enter an e-mail address.',
    emailSave: 'Save e-mail address',
    emailChange: 'Change e-mail address',
    emailRemove: 'Remove e-mail address',
    emailSaved: 'Your e-mail address has been saved.',
    emailRemoved: 'Your e-mail address has been removed.',
    recoveryTitle: 'New recovery code',
    recoveryIntro:
      'If you have lost your code or someone else might have seen it, make a new one. The old one stops working.',
    recoverySubmit: 'Make a new code',
    recoveryDone: 'Your new recovery code is valid from now on. The old one no longer works.',
    recoveryContinue: 'Code is kept – done',
    deleteTitle: 'Delete account',
    deleteIntro: [
      'If you delete your account, we delete everything at once: your messages, also your counsellor’s answers, your appointments and your e-mail address.',
      'This cannot be undone. Nobody, not even we, can restore anything afterwards, and your counsellor can no longer read your messages.',
      'You can create a new account at any time.',
    ],
    deleteConfirm: 'I want to delete my account and all messages for good.',
    deleteConfirmRequired: 'Please confirm that you want to delete everything for good.',
    deleteSubmit: 'Delete account for good',
    cancel: 'Cancel',
  },
};
