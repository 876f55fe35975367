import { Catalog } from '@confidant/web/core';

export type EnrolMode = 'setup' | 'invitation';

export interface EnrolText {
  title: Record<EnrolMode, string>;
  intro: Record<EnrolMode, string>;
  checking: string;
  noToken: Record<EnrolMode, string>;
  notNeeded: string;
  linkInvalid: Record<EnrolMode, string>;
  displayName: string;
  displayNameHint: string;
  displayNameRequired: string;
  displayNameTooLong: string;
  passwordTitle: string;
  passwordAdvice: string;
  submit: Record<EnrolMode, string>;
  making: Record<EnrolMode, string>;
  doneTitle: string;
  toLogin: string;
}

export const ENROL_TEXT: Catalog<EnrolText> = {
  de: {
    title: { setup: 'Beratungsstelle einrichten', invitation: 'Zugang für das Team anlegen' },
    intro: {
      setup:
        'Sie legen das erste Leitungskonto an. Dabei erzeugt Ihr Browser den Teamschlüssel, mit dem das Team die Anfragen lesen kann. Danach geben Leitungen ihn an weitere Beraterinnen frei.',
      invitation:
        'Eine Leitung hat Sie eingeladen. Legen Sie Ihren Zugang an. Lesen können Sie Nachrichten, sobald eine Leitung Ihnen den Teamschlüssel freigibt.',
    },
    checking: 'Der Link wird geprüft …',
    noToken: {
      setup:
        'Dieser Link ist unvollständig. Öffnen Sie bitte den vollständigen Einrichtungslink aus dem Protokoll des Servers.',
      invitation:
        'Dieser Link ist unvollständig. Bitte öffnen Sie den vollständigen Einladungslink, den Ihnen Ihre Leitung gegeben hat.',
    },
    notNeeded:
      'Diese Beratungsstelle ist schon eingerichtet. Wenn Sie zum Team gehören, melden Sie sich an oder bitten Sie eine Leitung um eine Einladung.',
    linkInvalid: {
      setup: 'Der Einrichtungslink ist ungültig oder wurde schon benutzt.',
      invitation:
        'Die Einladung ist ungültig, abgelaufen oder wurde schon benutzt. Bitte bitten Sie Ihre Leitung um eine neue.',
    },
    displayName: 'Angezeigter Name',
    displayNameHint:
      'So sehen Klientinnen Sie, zum Beispiel „Frau Berg“ oder nur ein Vorname. 1 bis 64 Zeichen.',
    displayNameRequired: 'Bitte geben Sie einen Namen ein, den Klientinnen sehen.',
    displayNameTooLong: 'Der Name darf höchstens 64 Zeichen haben.',
    passwordTitle: 'Ihr Passwort',
    passwordAdvice:
      'Ihr Passwort schützt Ihren Schlüssel und damit die Nachrichten Ihrer Klientinnen. Niemand sonst kennt es, auch die Leitung nicht.',
    submit: { setup: 'Einrichten', invitation: 'Zugang anlegen' },
    making: {
      setup:
        'Ihr Schlüssel und der Teamschlüssel werden jetzt in diesem Browser erzeugt. Das dauert einen Moment …',
      invitation: 'Ihr Schlüssel wird jetzt in diesem Browser erzeugt. Das dauert einen Moment …',
    },
    doneTitle: 'Ihr Zugang ist angelegt',
    toLogin: 'Zur Anmeldung',
  },
  en: {
    title: { setup: 'Set up the counselling centre', invitation: 'Create your team account' },
    intro: {
      setup:
        'You are creating the first lead account. Your browser makes the team key with which the team reads enquiries. Afterwards only leads can release it to other counsellors.',
      invitation:
        'A lead has invited you. Create your account. You can read messages once a lead releases the team key to you.',
    },
    checking: 'Checking the link …',
    noToken: {
      setup: 'This link is incomplete. Please open the complete setup link from the server log.',
      invitation:
        'This link is incomplete. Please open the complete invitation link your lead gave you.',
    },
    notNeeded:
      'This counselling centre is already set up. If you belong to the team, log in or ask a lead for an invitation.',
    linkInvalid: {
      setup: 'The setup link is invalid or has been used already.',
      invitation:
        'The invitation is invalid, has expired or has been used already. Please ask your lead for a new one.',
    },
    displayName: 'Displayed name',
    displayNameHint:
      'This is how clients see you, for example “Ms Berg” or just a first name. 1 to 64 characters.',
    displayNameRequired: 'Please enter a name that clients see.',
    displayNameTooLong: 'The name may have at most 64 characters.',
    passwordTitle: 'Your password',
    passwordAdvice:
      'Your password protects your key and with it your clients’ messages. Nobody else knows it, not even the lead.',
    submit: { setup: 'Set up', invitation: 'Create account' },
    making: {
      setup: 'Your key and the team key are being made in this browser now. This takes a moment …',
      invitation: 'Your key is being made in this browser now. This takes a moment …',
    },
    doneTitle: 'Your account is ready',
    toLogin: 'To the login',
  },
};
