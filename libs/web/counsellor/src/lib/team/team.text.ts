import { NoticeFailureReason, Role } from '@confidant/shared/api-interfaces';
import { Catalog } from '@confidant/web/core';

export interface TeamText {
  title: string;
  back: string;
  inviteTitle: string;
  inviteIntro: string;
  inviteRole: string;
  roles: Record<Role, string>;
  inviteSubmit: string;
  inviteLink: string;
  inviteExpires: (date: string) => string;
  inviteOnce: string;
  copy: string;
  copied: string;
  copyFailed: string;
  staffTitle: string;
  staffLoading: string;
  staffEmpty: string;
  you: string;
  active: string;
  inactive: string;
  hasKey: string;
  noKey: string;
  grant: string;
  grantLabel: string;
  granted: (name: string) => string;
  deactivate: string;
  deactivateLabel: (name: string) => string;
  reactivate: string;
  cancel: string;
  reactivateLabel: (name: string) => string;
  confirmDeactivate: (name: string) => string;
  confirmReactivate: (name: string) => string;
  deactivated: (name: string) => string;
  reactivated: (name: string) => string;
  noOwnKey: string;
  centreTitle: string;
  centreIntro: string;
  name: string;
  phone: string;
  responseDays: string;
  responseDaysHint: string;
  retentionMonths: string;
  retentionMonthsHint: string;
  exitUrl: string;
  exitUrlHint: string;
  notificationSender: string;
  notificationSubject: string;
  senderHint: string;
  senderInvalid: string;
  subjectInvalid: string;
  /** "The last notice could not be sent: <reason>", with the time and codes; no address. */
  noticeFailed: (reason: string, at: string, detail: string | null) => string;
  noticeFailureReasons: Record<NoticeFailureReason, string>;
  keepEmpty: string;
  topics: string;
  topicsHint: string;
  required: string;
  tooLong: (max: number) => string;
  range: (min: number, max: number) => string;
  urlInvalid: string;
  topicsInvalid: string;
  centreSubmit: string;
  centreSaved: string;
}

export const TEAM_TEXT: Catalog<TeamText> = {
  de: {
    title: 'Team verwalten',
    back: 'Zurück zur Beratung',
    inviteTitle: 'Einladen',
    inviteIntro:
      'Eine Einladung ist ein Link, mit dem eine Person einmal einen Zugang anlegen kann. Geben Sie ihn nur der Person selbst, am besten persönlich oder über einen sicheren Weg.',
    inviteRole: 'Rolle',
    roles: { client: 'Klientin', counsellor: 'Beraterin', lead: 'Leitung' },
    inviteSubmit: 'Einladungslink erzeugen',
    inviteLink: 'Einladungslink',
    inviteExpires: (date) => `Der Link gilt bis ${date}.`,
    inviteOnce: 'Der Link wird nur jetzt angezeigt und kann einmal benutzt werden.',
    copy: 'Link kopieren',
    copied: 'Der Link ist kopiert.',
    copyFailed: 'Kopieren ging nicht. Der Link ist im Feld markiert: Kopieren Sie ihn von dort.',
    staffTitle: 'Team',
    staffLoading: 'Das Team wird geladen …',
    staffEmpty: 'Noch niemand im Team.',
    you: '(Sie)',
    active: 'aktiv',
    inactive: 'deaktiviert',
    hasKey: 'hat den Teamschlüssel',
    noKey: 'hat den Teamschlüssel noch nicht',
    grant: 'Teamschlüssel freigeben',
    grantLabel: 'Teamschlüssel freigeben für',
    granted: (name) => `${name} hat jetzt den Teamschlüssel.`,
    deactivate: 'Deaktivieren',
    deactivateLabel: (name) => `${name} deaktivieren`,
    reactivate: 'Wieder aktivieren',
    cancel: 'Abbrechen',
    reactivateLabel: (name) => `${name} wieder aktivieren`,
    confirmDeactivate: (name) =>
      `${name} deaktivieren? Ihre Sitzungen enden sofort und ihr Teamschlüssel wird entfernt.`,
    confirmReactivate: (name) =>
      `${name} wieder aktivieren? Den Teamschlüssel müssen Sie ihr danach neu freigeben.`,
    deactivated: (name) => `${name} ist deaktiviert.`,
    reactivated: (name) => `${name} ist wieder aktiv.`,
    noOwnKey:
      'Ihr Browser hat den Teamschlüssel gerade nicht. Bitte melden Sie sich neu an und versuchen Sie es noch einmal.',
    centreTitle: 'Einstellungen der Beratungsstelle',
    centreIntro: 'Diese Angaben sehen Klientinnen im Portal.',
    name: 'Name der Beratungsstelle',
    phone: 'Telefonnummer',
    responseDays: 'Antwort innerhalb von (Tagen)',
    responseDaysHint: '1 bis 30 Tage',
    retentionMonths: 'Aufbewahrung (Monate)',
    retentionMonthsHint: '1 bis 24 Monate nach dem Ende der Beratung',
    exitUrl: 'Seite für den schnellen Ausstieg',
    exitUrlHint: 'Eine unauffällige Seite, zum Beispiel ein Wetterdienst. Mit https://',
    notificationSender: 'Absender der Hinweis-E-Mails',
    notificationSubject: 'Betreff der Hinweis-E-Mails',
    senderHint: 'Eine neutrale Adresse, zum Beispiel: Online-Beratung <noreply@beratung.example>',
    senderInvalid:
      'Bitte genau eine E-Mail-Adresse mit vollständiger Domain, wahlweise mit Namen davor: Name <adresse@beratung.example>.',
    subjectInvalid: 'Bitte eine Zeile Text, höchstens 200 Zeichen.',
    noticeFailed: (reason, at, detail) =>
      `Der letzte Hinweis konnte nicht gesendet werden: ${reason} (${at}${detail ? `, ${detail}` : ''}). Das Portal versucht es später erneut.`,
    noticeFailureReasons: {
      sender: 'Der Absender ist keine gültige E-Mail-Adresse',
      subject: 'Der Betreff ist ungültig',
      recipient: 'Die hinterlegte Adresse der Empfängerin ist ungültig',
      refused: 'Der Mailserver hat die E-Mail abgelehnt',
      unreachable: 'Der Mailserver war nicht erreichbar',
      other: 'Ein unerwarteter Fehler',
    },
    keepEmpty: 'Leer lassen, um den jetzigen Wert zu behalten.',
    topics: 'Themen (eines pro Zeile)',
    topicsHint: '1 bis 30 Themen, je höchstens 100 Zeichen',
    required: 'Bitte füllen Sie dieses Feld aus.',
    tooLong: (max) => `Höchstens ${max} Zeichen.`,
    range: (min, max) => `Bitte eine ganze Zahl von ${min} bis ${max}.`,
    urlInvalid: 'Bitte eine vollständige Adresse, die mit https:// oder http:// beginnt.',
    topicsInvalid: 'Bitte 1 bis 30 Themen, eines pro Zeile, je höchstens 100 Zeichen.',
    centreSubmit: 'Einstellungen speichern',
    centreSaved: 'Die Einstellungen sind gespeichert.',
  },
  en: {
    title: 'Manage the team',
    back: 'Back to counselling',
    inviteTitle: 'Invite',
    inviteIntro:
      'An invitation is a link with which one person can create an account once. Give it only to that person, ideally in person or through a safe channel.',
    inviteRole: 'Role',
    roles: { client: 'client', counsellor: 'counsellor', lead: 'lead' },
    inviteSubmit: 'Create invitation link',
    inviteLink: 'Invitation link',
    inviteExpires: (date) => `The link is valid until ${date}.`,
    inviteOnce: 'The link is shown only now and can be used once.',
    copy: 'Copy link',
    copied: 'The link has been copied.',
    copyFailed: 'Copying did not work. The link is selected in the field: copy it from there.',
    staffTitle: 'Team',
    staffLoading: 'Loading the team …',
    staffEmpty: 'Nobody in the team yet.',
    you: '(you)',
    active: 'active',
    inactive: 'deactivated',
    hasKey: 'holds the team key',
    noKey: 'does not hold the team key yet',
    grant: 'Release the team key',
    grantLabel: 'Release the team key to',
    granted: (name) => `${name} now holds the team key.`,
    deactivate: 'Deactivate',
    deactivateLabel: (name) => `Deactivate ${name}`,
    reactivate: 'Reactivate',
    cancel: 'Cancel',
    reactivateLabel: (name) => `Reactivate ${name}`,
    confirmDeactivate: (name) =>
      `Deactivate ${name}? Her sessions end at once and her team key is removed.`,
    confirmReactivate: (name) =>
      `Reactivate ${name}? You will have to release the team key to her again afterwards.`,
    deactivated: (name) => `${name} is deactivated.`,
    reactivated: (name) => `${name} is active again.`,
    noOwnKey:
      'Your browser does not hold the team key right now. Please log in again and try once more.',
    centreTitle: 'Settings of the counselling centre',
    centreIntro: 'Clients see these details in the portal.',
    name: 'Name of the counselling centre',
    phone: 'Phone number',
    responseDays: 'Answer within (days)',
    responseDaysHint: '1 to 30 days',
    retentionMonths: 'Retention (months)',
    retentionMonthsHint: '1 to 24 months after counselling ends',
    exitUrl: 'Page for the quick exit',
    exitUrlHint: 'An inconspicuous page, for example a weather service. With https://',
    notificationSender: 'Sender of notice e-mails',
    notificationSubject: 'Subject of notice e-mails',
    senderHint: 'A neutral address, for example: Online counselling <noreply@counselling.example>',
    senderInvalid:
      'Please give exactly one e-mail address with a full domain, optionally with a name before it: Name <address@counselling.example>.',
    subjectInvalid: 'Please give one line of text, at most 200 characters.',
    noticeFailed: (reason, at, detail) =>
      `The last notice could not be sent: ${reason} (${at}${detail ? `, ${detail}` : ''}). The portal tries again later.`,
    noticeFailureReasons: {
      sender: 'the sender is not a valid e-mail address',
      subject: 'the subject is not valid',
      recipient: 'the recipient’s stored address is not valid',
      refused: 'the mail server refused the e-mail',
      unreachable: 'the mail server could not be reached',
      other: 'an unexpected error',
    },
    keepEmpty: 'Leave empty to keep the current value.',
    topics: 'Topics (one per line)',
    topicsHint: '1 to 30 topics, each at most 100 characters',
    required: 'Please fill in this field.',
    tooLong: (max) => `At most ${max} characters.`,
    range: (min, max) => `Please a whole number from ${min} to ${max}.`,
    urlInvalid: 'Please a complete address starting with https:// or http://.',
    topicsInvalid: 'Please 1 to 30 topics, one per line, each at most 100 characters.',
    centreSubmit: 'Save settings',
    centreSaved: 'The settings have been saved.',
  },
};
