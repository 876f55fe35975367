import { Catalog } from '@confidant/web/core';

export interface ResetText {
  title: string;
  intro: string;
  codeTitle: string;
  codeIntro: string;
  code: string;
  codeHint: string;
  codeRequired: string;
  codeCharacter: (position: number) => string;
  codeLength: (found: number) => string;
  codeWrong: string;
  codeSubmit: string;
  codeDoneTitle: string;
  codeDone: string;
  loginFailed: string;
  mailTitle: string;
  mailIntro: string[];
  mailSubmit: string;
  mailSent: string;
  linkTitle: string;
  linkIntro: string;
  linkWarning: string[];
  linkSubmit: string;
  linkMissing: string;
  linkInvalid: string;
  linkDoneTitle: string;
  linkDone: string[];
  toLogin: string;
  forgot: string;
}

export const RESET_TEXT: Catalog<ResetText> = {
  de: {
    title: 'Passwort vergessen',
    intro: 'Es gibt zwei Wege zu einem neuen Passwort.',
    codeTitle: 'Mit Ihrem Wiederherstellungscode',
    codeIntro:
      'Das ist der bessere Weg: Sie können danach alle Ihre Nachrichten weiter lesen. Sie bekommen dabei einen neuen Code.',
    code: 'Wiederherstellungscode',
    codeHint: '32 Zeichen. Groß- und Kleinschreibung, Leerzeichen und Bindestriche sind egal.',
    codeRequired: 'Bitte geben Sie Ihren Wiederherstellungscode ein.',
    codeCharacter: (position) =>
      `Das Zeichen an Stelle ${position} kommt in Wiederherstellungscodes nicht vor. Bitte prüfen Sie es.`,
    codeLength: (found) =>
      `Ein Wiederherstellungscode hat 32 Zeichen. Sie haben ${found} eingegeben.`,
    codeWrong: 'Benutzername oder Wiederherstellungscode stimmen nicht. Bitte prüfen Sie beides.',
    codeSubmit: 'Neues Passwort setzen',
    codeDoneTitle: 'Ihr neues Passwort gilt',
    codeDone:
      'Ihre Nachrichten bleiben lesbar. Ihr alter Wiederherstellungscode gilt nicht mehr – hier ist Ihr neuer.',
    loginFailed:
      'Ihr Passwort ist geändert, aber die Anmeldung hat nicht geklappt. Bitte melden Sie sich neu an.',
    mailTitle: 'Per E-Mail-Link',
    mailIntro: [
      'Das geht nur, wenn Sie eine E-Mail-Adresse hinterlegt haben. Sie bekommen einen Link, mit dem Sie 30 Minuten lang ein neues Passwort setzen können.',
      'Wichtig: Auf diesem Weg können Sie Ihre bisherigen Nachrichten zunächst nicht mehr lesen. Ihre Beraterin kann sie wieder für Sie freigeben, nachdem sie sich vergewissert hat, dass Sie es wirklich sind.',
    ],
    mailSubmit: 'Link anfordern',
    mailSent:
      'Wenn es diesen Benutzernamen gibt und eine E-Mail-Adresse hinterlegt ist, ist ein Link unterwegs. Sehen Sie in Ihrem Postfach nach, auch im Spam-Ordner.',
    linkTitle: 'Neues Passwort setzen',
    linkIntro: 'Wählen Sie ein neues Passwort für Ihr Konto.',
    linkWarning: [
      'Weil Sie über einen E-Mail-Link kommen, bekommt Ihr Konto einen neuen Schlüssel. Ihre bisherigen Nachrichten bleiben so lange verschlossen, bis Ihre Beraterin sie wieder für Sie freigibt. Sie prüft vorher, dass Sie es wirklich sind.',
      'Wenn Sie Ihren Wiederherstellungscode noch haben, nutzen Sie besser ihn: Dann bleiben alle Nachrichten lesbar.',
    ],
    linkSubmit: 'Neues Passwort setzen',
    linkMissing:
      'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail noch einmal oder fordern Sie einen neuen an.',
    linkInvalid:
      'Dieser Link gilt nicht mehr: Er ist schon benutzt oder älter als 30 Minuten. Bitte fordern Sie einen neuen an.',
    linkDoneTitle: 'Ihr neues Passwort gilt',
    linkDone: [
      'Sie können sich jetzt mit Ihrem neuen Passwort anmelden.',
      'Ihre bisherigen Nachrichten bleiben verschlossen, bis Ihre Beraterin sie wieder für Sie freigibt. Neue Nachrichten können Sie sofort lesen und schreiben.',
    ],
    toLogin: 'Zur Anmeldung',
    forgot: 'Neuen Link anfordern',
  },
  en: {
    title: 'Forgot your password',
    intro: 'There are two ways to a new password.',
    codeTitle: 'With your recovery code',
    codeIntro:
      'This is the better way: you can still read all your messages afterwards. You receive a new code on the way.',
    code: 'Recovery code',
    codeHint: '32 characters. Upper or lower case, spaces and hyphens do not matter.',
    codeRequired: 'Please enter your recovery code.',
    codeCharacter: (position) =>
      `The character at position ${position} does not occur in recovery codes. Please check it.`,
    codeLength: (found) => `A recovery code has 32 characters. You entered ${found}.`,
    codeWrong: 'Username or recovery code do not match. Please check both.',
    codeSubmit: 'Set a new password',
    codeDoneTitle: 'Your new password is set',
    codeDone:
      'Your messages stay readable. Your old recovery code no longer works – here is your new one.',
    loginFailed:
      'Your password has been changed, but logging in did not work. Please log in again.',
    mailTitle: 'By e-mail link',
    mailIntro: [
      'This works only if you have given an e-mail address. You receive a link with which you can set a new password within 30 minutes.',
      'Important: this way you cannot read your earlier messages at first. Your counsellor can open them for you again after making sure it is really you.',
    ],
    mailSubmit: 'Request a link',
    mailSent:
      'If this username exists and has an e-mail address, a link is on its way. Look in your mailbox, also in the spam folder.',
    linkTitle: 'Set a new password',
    linkIntro: 'Choose a new password for your account.',
    linkWarning: [
      'Because you come through an e-mail link, your account gets a new key. Your earlier messages stay locked until your counsellor opens them for you again. She checks first that it is really you.',
      'If you still have your recovery code, better use it: then all messages stay readable.',
    ],
    linkSubmit: 'Set a new password',
    linkMissing:
      'This link is incomplete. Please open the link from the e-mail again or request a new one.',
    linkInvalid:
      'This link is no longer valid: it has been used or is older than 30 minutes. Please request a new one.',
    linkDoneTitle: 'Your new password is set',
    linkDone: [
      'You can now log in with your new password.',
      'Your earlier messages stay locked until your counsellor opens them for you again. You can read and write new messages straight away.',
    ],
    toLogin: 'Go to log in',
    forgot: 'Request a new link',
  },
};
