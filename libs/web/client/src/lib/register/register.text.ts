import { Catalog } from '@confidant/web/core';

export interface RegisterText {
  title: string;
  intro: string;
  usernameAdvice: string;
  passwordTitle: string;
  passwordAdvice: string;
  emailTitle: string;
  email: string;
  emailHint: string;
  emailInvalid: string;
  emailWhy: string[];
  consentBefore: string;
  consentLink: string;
  consentAfter: string;
  consentRequired: string;
  submit: string;
  submitChecking: string;
  submitMaking: string;
  waitingForCheck: string;
  checking: string;
  making: string;
  haveAccount: string;
  login: string;
  doneTitle: string;
  closedTitle: string;
  closed: string;
}

export const REGISTER_TEXT: Catalog<RegisterText> = {
  de: {
    title: 'Konto anlegen',
    intro:
      'Sie brauchen nur einen Benutzernamen und ein Passwort. Ihren echten Namen oder Ihre Adresse brauchen wir nicht.',
    usernameAdvice:
      'Wählen Sie einen Namen, der nichts über Sie verrät – also nicht Ihren echten Namen und nicht den Namen, den Sie anderswo benutzen.',
    passwordTitle: 'Ihr Passwort',
    passwordAdvice:
      'Ihr Passwort verschlüsselt Ihre Nachrichten. Wir kennen es nicht und können es nicht nachsehen. Wählen Sie eines, das niemand errät, der Sie kennt.',
    emailTitle: 'E-Mail-Adresse (freiwillig)',
    email: 'E-Mail-Adresse',
    emailHint: 'Freiwillig. Sie können sie später ändern oder löschen.',
    emailInvalid: 'Das sieht nicht wie eine E-Mail-Adresse aus.',
    emailWhy: [
      'Mit einer E-Mail-Adresse erfahren Sie, dass eine Antwort da ist, und können ein vergessenes Passwort über einen Link neu setzen. Die E-Mail enthält nie Ihre Nachrichten, nur einen Hinweis ohne Namen. Ihre Beraterin sieht die Adresse nicht.',
      'Lassen Sie das Feld leer, wenn jemand anderes Ihr Postfach lesen könnte. Dann hilft Ihnen der Wiederherstellungscode, den Sie gleich bekommen.',
    ],
    consentBefore: 'Ich habe die ',
    consentLink: 'Datenschutzhinweise',
    consentAfter:
      ' gelesen und bin mit der Online-Beratung unter diesen Bedingungen einverstanden.',
    consentRequired: 'Bitte bestätigen Sie, dass Sie einverstanden sind.',
    submit: 'Konto anlegen',
    submitChecking: 'Passwort wird geprüft …',
    submitMaking: 'Konto wird angelegt …',
    waitingForCheck:
      'Die Passwortprüfung wird noch geladen. Sobald sie Ihr Passwort geprüft hat, wird Ihr Konto angelegt.',
    checking: 'Ihr Passwort wird geprüft …',
    making: 'Ihre Schlüssel werden jetzt in diesem Browser erzeugt. Das dauert einen Moment …',
    haveAccount: 'Sie haben schon ein Konto?',
    login: 'Anmelden',
    doneTitle: 'Ihr Konto ist angelegt',
    closedTitle: 'Das Portal ist noch nicht geöffnet',
    closed:
      'Die Beratungsstelle richtet die Online-Beratung gerade ein. Sobald sie fertig ist, können Sie hier ein Konto anlegen. Bitte versuchen Sie es später noch einmal.',
  },
  en: {
    title: 'Create an account',
    intro:
      'All you need is a username and a password. We do not need your real name or your address.',
    usernameAdvice:
      'Choose a name that says nothing about you – not your real name, and not a name you use elsewhere.',
    passwordTitle: 'Your password',
    passwordAdvice:
      'Your password encrypts your messages. We do not know it and cannot look it up. Choose one that nobody who knows you could guess.',
    emailTitle: 'E-mail address (optional)',
    email: 'E-mail address',
    emailHint: 'Optional. You can change or remove it later.',
    emailInvalid: 'This does not look like an e-mail address.',
    emailWhy: [
      'With an e-mail address you are told when an answer has arrived, and you can reset a forgotten password through a link. The e-mail never contains your messages, only a note without names. Your counsellor does not see the address.',
      'Leave the field empty if someone else might read your mailbox. Then the recovery code you are about to receive helps you instead.',
    ],
    consentBefore: 'I have read the ',
    consentLink: 'privacy notice',
    consentAfter: ' and agree to online counselling on these terms.',
    consentRequired: 'Please confirm that you agree.',
    submit: 'Create account',
    submitChecking: 'Checking the password …',
    submitMaking: 'Creating the account …',
    waitingForCheck:
      'The password check is still loading. As soon as it has checked your password, your account is created.',
    checking: 'Your password is being checked …',
    making: 'Your keys are being made in this browser now. This takes a moment …',
    haveAccount: 'Already have an account?',
    login: 'Log in',
    doneTitle: 'Your account is ready',
    closedTitle: 'The portal is not open yet',
    closed:
      'The counselling centre is still setting up its online counselling. As soon as it is ready, you can create an account here. Please try again later.',
  },
};
