import { Catalog } from '../i18n/i18n';
import { StrengthScore } from './password-strength';

export interface PasswordText {
  newPassword: string;
  newPasswordHint: string;
  repeat: string;
  required: string;
  tooShort: string;
  tooLong: string;
  tooWeak: string;
  mismatch: string;
  repeatRequired: string;
  strengthLabel: string;
  checking: string;
  loadingCheck: string;
  checkFailed: string;
  levels: Record<StrengthScore, string>;
}

export const PASSWORD_TEXT: Catalog<PasswordText> = {
  de: {
    newPassword: 'Neues Passwort',
    newPasswordHint:
      'Mindestens 10 Zeichen. Gut zu merken und schwer zu erraten sind mehrere Wörter, die nicht zusammengehören.',
    repeat: 'Neues Passwort wiederholen',
    required: 'Bitte wählen Sie ein Passwort.',
    tooShort: 'Das Passwort braucht mindestens 10 Zeichen.',
    tooLong: 'Das Passwort darf höchstens 256 Zeichen haben.',
    tooWeak:
      'Dieses Passwort ist zu leicht zu erraten, zum Beispiel weil es ein bekanntes Wort, ein Name oder eine einfache Folge ist. Ihr Passwort schützt Ihre Nachrichten: Bitte wählen Sie ein stärkeres.',
    mismatch: 'Die beiden Passwörter sind nicht gleich.',
    repeatRequired: 'Bitte geben Sie das Passwort noch einmal ein.',
    strengthLabel: 'Stärke des Passworts',
    checking: 'Das Passwort wird geprüft …',
    loadingCheck: 'Die Passwortprüfung wird geladen … Sie können das Formular schon ausfüllen.',
    checkFailed:
      'Die Passwortprüfung konnte nicht geladen werden. Sie wird bei Ihrer nächsten Eingabe noch einmal versucht.',
    levels: {
      0: 'sehr schwach',
      1: 'schwach',
      2: 'mittel – noch zu schwach',
      3: 'stark',
      4: 'sehr stark',
    },
  },
  en: {
    newPassword: 'New password',
    newPasswordHint:
      'At least 10 characters. Several words that do not belong together are easy to remember and hard to guess.',
    repeat: 'Repeat the new password',
    required: 'Please choose a password.',
    tooShort: 'The password needs at least 10 characters.',
    tooLong: 'The password may have at most 256 characters.',
    tooWeak:
      'This password is too easy to guess, for example because it is a common word, a name or a simple sequence. Your password protects your messages: please choose a stronger one.',
    mismatch: 'The two passwords are not the same.',
    repeatRequired: 'Please enter the password again.',
    strengthLabel: 'Password strength',
    checking: 'Checking the password …',
    loadingCheck: 'Loading the password check … You can already fill in the form.',
    checkFailed: 'The password check could not be loaded. It is tried again when you next type.',
    levels: {
      0: 'very weak',
      1: 'weak',
      2: 'fair – still too weak',
      3: 'strong',
      4: 'very strong',
    },
  },
};
