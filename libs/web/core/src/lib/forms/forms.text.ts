import { Catalog } from '../i18n/i18n';
import { Failure } from '../session/failure';

export interface FormsText {
  username: string;
  usernameHint: string;
  usernameRequired: string;
  usernameFormat: string;
  password: string;
  passwordRepeat: string;
  passwordRequired: string;
  currentPassword: string;
  showPassword: string;
  hidePassword: string;
  working: string;
  failure: (failure: Failure) => string;
}

export const FORMS_TEXT: Catalog<FormsText> = {
  de: {
    username: 'Benutzername',
    usernameHint: '3 bis 32 Zeichen: Buchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich.',
    usernameRequired: 'Bitte geben Sie einen Benutzernamen ein.',
    usernameFormat:
      'Der Benutzername hat 3 bis 32 Zeichen und besteht nur aus Buchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich.',
    password: 'Passwort',
    passwordRepeat: 'Passwort wiederholen',
    passwordRequired: 'Bitte geben Sie Ihr Passwort ein.',
    currentPassword: 'Ihr jetziges Passwort',
    showPassword: 'Passwort anzeigen',
    hidePassword: 'Passwort verbergen',
    working: 'Einen Moment bitte …',
    failure: (failure) => {
      switch (failure.kind) {
        case 'credentials':
          return 'Benutzername oder Passwort stimmen nicht. Bitte prüfen Sie beides.';
        case 'wrong-password':
          return 'Das Passwort stimmt nicht.';
        case 'rate-limited':
          return `Zu viele Versuche. Bitte warten Sie ${minutesDe(failure.retryAfterMinutes ?? 15)} und versuchen Sie es dann noch einmal.`;
        case 'taken':
          return 'Diesen Benutzernamen gibt es schon. Bitte wählen Sie einen anderen.';
        case 'invalid':
          return 'Das hat nicht geklappt: Die Angaben wurden nicht angenommen. Bitte prüfen Sie sie.';
        case 'unsafe':
          return 'Der Server verlangt unsichere Einstellungen für die Verschlüsselung. Aus Sicherheitsgründen geht es hier nicht weiter. Bitte rufen Sie die Beratungsstelle an.';
        case 'session':
          return 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich neu an.';
        case 'offline':
          return 'Der Server ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.';
        default:
          return 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.';
      }
    },
  },
  en: {
    username: 'Username',
    usernameHint: '3 to 32 characters: letters, digits, full stop, underscore or hyphen.',
    usernameRequired: 'Please enter a username.',
    usernameFormat:
      'A username has 3 to 32 characters and contains only letters, digits, full stops, underscores or hyphens.',
    password: 'Password',
    passwordRepeat: 'Repeat the password',
    passwordRequired: 'Please enter your password.',
    currentPassword: 'Your current password',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    working: 'One moment please …',
    failure: (failure) => {
      switch (failure.kind) {
        case 'credentials':
          return 'Username or password do not match. Please check both.';
        case 'wrong-password':
          return 'The password is not correct.';
        case 'rate-limited':
          return `Too many attempts. Please wait ${minutesEn(failure.retryAfterMinutes ?? 15)} and then try again.`;
        case 'taken':
          return 'This username exists already. Please choose another one.';
        case 'invalid':
          return 'That did not work: the details were not accepted. Please check them.';
        case 'unsafe':
          return 'The server asks for unsafe encryption settings. For your safety this cannot go on. Please call the counselling centre.';
        case 'session':
          return 'Your session has ended. Please log in again.';
        case 'offline':
          return 'The server cannot be reached right now. Please check your internet connection and try again.';
        default:
          return 'Something went wrong. Please try again.';
      }
    },
  },
};

function minutesDe(minutes: number): string {
  return minutes === 1 ? 'eine Minute' : `${minutes} Minuten`;
}

function minutesEn(minutes: number): string {
  return minutes === 1 ? 'one minute' : `${minutes} minutes`;
}
