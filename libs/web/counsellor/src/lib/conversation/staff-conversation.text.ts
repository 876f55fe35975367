import { Catalog } from '@confidant/web/core';

export interface StaffConversationText {
  dateLocale: string;
  title: string;
  untitled: (date: string) => string;
  back: string;
  loading: string;
  loadFailed: string;
  tryAgain: string;
  notFound: string;
  received: (date: string) => string;
  counsellor: (name: string) => string;
  assignedToYou: string;
  unassigned: string;
  lockedTitle: string;
  lockedText: string;
  takeOverText: string;
  takeOver: string;
  takenOver: string;
  takenByColleague: string;
  takeOverFailed: string;
  readOnly: string;
  threadTitle: string;
  keyChangedTitle: string;
  keyChangedText: string[];
  reshareConfirm: string;
  reshareConfirmRequired: string;
  reshare: string;
  reshared: string;
  reshareFailed: string;
  reshareByCounsellor: string;
  manageTitle: string;
  close: string;
  closeQuestion: string;
  closeConfirm: string;
  cancel: string;
  closed: string;
  closeFailed: string;
  assignLabel: string;
  assignHint: string;
  assignSubmit: string;
  assigned: (name: string) => string;
  assignFailed: string;
  noCounsellors: string;
  counsellorsFailed: string;
  you: string;
}

export const STAFF_CONVERSATION_TEXT: Catalog<StaffConversationText> = {
  de: {
    dateLocale: 'de-DE',
    title: 'Beratung',
    untitled: (date) => `Anfrage vom ${date}`,
    back: 'Zurück zur Übersicht',
    loading: 'Die Beratung wird geladen …',
    loadFailed: 'Die Beratung konnte nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    notFound:
      'Diese Beratung gibt es nicht (mehr), oder eine Kollegin hat sie inzwischen übernommen.',
    received: (date) => `Eingegangen: ${date}`,
    counsellor: (name) => `Beraterin: ${name}`,
    assignedToYou: 'Ihnen zugeordnet',
    unassigned: 'Noch nicht übernommen',
    lockedTitle: 'Sie können diese Beratung noch nicht lesen',
    lockedText:
      'Ihr Browser hat den Teamschlüssel nicht. Sobald eine Leitung ihn Ihnen freigibt, können Sie die Nachrichten lesen; prüfen Sie es dann auf der Übersicht mit „Aktualisieren“.',
    takeOverText:
      'Diese Anfrage hat noch niemand übernommen. Wenn Sie sie übernehmen, antworten nur Sie der Klientin.',
    takeOver: 'Übernehmen',
    takenOver: 'Sie haben die Anfrage übernommen und können jetzt antworten.',
    takenByColleague: 'Eine Kollegin hat diese Anfrage gerade übernommen.',
    takeOverFailed:
      'Die Anfrage konnte nicht übernommen werden. Bitte versuchen Sie es noch einmal.',
    readOnly: 'Schreiben können nur die Klientin und ihre Beraterin.',
    threadTitle: 'Nachrichten',
    keyChangedTitle: 'Die Klientin hat einen neuen Schlüssel',
    keyChangedText: [
      'Die Klientin hat ihr Passwort per E-Mail zurückgesetzt. Ihr Konto hat dabei einen neuen Schlüssel bekommen; den bisherigen Verlauf kann sie damit nicht lesen.',
      'Wer ihre E-Mails lesen kann, kann auch ihr Passwort zurücksetzen. Vergewissern Sie sich deshalb, dass es wirklich die Klientin ist, bevor Sie den Verlauf wieder freigeben, zum Beispiel mit einer Frage nach etwas, das nur sie wissen kann.',
    ],
    reshareConfirm: 'Ich habe mich vergewissert, dass es die Klientin ist',
    reshareConfirmRequired: 'Bitte bestätigen Sie zuerst, dass Sie sich vergewissert haben.',
    reshare: 'Verlauf wieder freigeben',
    reshared: 'Der Verlauf ist wieder freigegeben. Die Klientin kann ihn jetzt lesen.',
    reshareFailed:
      'Der Verlauf konnte nicht freigegeben werden. Bitte versuchen Sie es noch einmal.',
    reshareByCounsellor:
      'Den Verlauf gibt ihre Beraterin oder eine Leitung wieder frei, nachdem sie sich vergewissert hat.',
    manageTitle: 'Beratung verwalten',
    close: 'Beratung abschließen',
    closeQuestion:
      'Beratung abschließen? Die Klientin sieht, dass die Beratung abgeschlossen ist. Schreibt sie wieder, geht sie mit derselben Beraterin weiter. Die Aufbewahrungsfrist zählt ab jetzt.',
    closeConfirm: 'Jetzt abschließen',
    cancel: 'Abbrechen',
    closed: 'Die Beratung ist abgeschlossen.',
    closeFailed:
      'Die Beratung konnte nicht abgeschlossen werden. Bitte versuchen Sie es noch einmal.',
    assignLabel: 'Beraterin',
    assignHint: 'Aktive Beraterinnen mit Teamschlüssel',
    assignSubmit: 'Zuweisen',
    assigned: (name) => `Die Beratung ist jetzt bei ${name}.`,
    assignFailed:
      'Die Beratung konnte nicht zugewiesen werden. Ist die Beraterin aktiv und hat sie den Teamschlüssel?',
    noCounsellors: 'Es gibt keine aktive Beraterin mit Teamschlüssel.',
    counsellorsFailed: 'Die Liste der Beraterinnen konnte nicht geladen werden.',
    you: '(Sie)',
  },
  en: {
    dateLocale: 'en-GB',
    title: 'Counselling',
    untitled: (date) => `Enquiry of ${date}`,
    back: 'Back to the overview',
    loading: 'Loading the conversation …',
    loadFailed: 'The conversation could not be loaded.',
    tryAgain: 'Try again',
    notFound: 'This conversation does not exist (any more), or a colleague has taken it over.',
    received: (date) => `Received: ${date}`,
    counsellor: (name) => `Counsellor: ${name}`,
    assignedToYou: 'Assigned to you',
    unassigned: 'Not taken over yet',
    lockedTitle: 'You cannot read this conversation yet',
    lockedText:
      'Your browser does not hold the team key. Once a lead releases it to you, you can read the messages; check with “Refresh” on the overview then.',
    takeOverText:
      'Nobody has taken over this enquiry yet. If you take it over, only you answer the client.',
    takeOver: 'Take over',
    takenOver: 'You have taken over the enquiry and can answer now.',
    takenByColleague: 'A colleague has just taken over this enquiry.',
    takeOverFailed: 'The enquiry could not be taken over. Please try again.',
    readOnly: 'Only the client and her counsellor write here.',
    threadTitle: 'Messages',
    keyChangedTitle: 'The client has a new key',
    keyChangedText: [
      'The client reset her password by e-mail. Her account got a new key then, with which she cannot read the history so far.',
      'Whoever can read her e-mail can also reset her password. So make sure it really is the client before you release the history to her again, for example by asking about something only she can know.',
    ],
    reshareConfirm: 'I have made sure that it is the client',
    reshareConfirmRequired: 'Please confirm first that you have made sure.',
    reshare: 'Release the history again',
    reshared: 'The history is released again. The client can read it now.',
    reshareFailed: 'The history could not be released. Please try again.',
    reshareByCounsellor:
      'Her counsellor or a lead releases the history again, after making sure it is her.',
    manageTitle: 'Manage the counselling',
    close: 'Close the counselling',
    closeQuestion:
      'Close the counselling? The client sees that it is closed. If she writes again, it continues with the same counsellor. The retention period counts from now.',
    closeConfirm: 'Close now',
    cancel: 'Cancel',
    closed: 'The counselling is closed.',
    closeFailed: 'The counselling could not be closed. Please try again.',
    assignLabel: 'Counsellor',
    assignHint: 'Active counsellors holding the team key',
    assignSubmit: 'Assign',
    assigned: (name) => `The conversation is now with ${name}.`,
    assignFailed:
      'The conversation could not be assigned. Is the counsellor active and does she hold the team key?',
    noCounsellors: 'There is no active counsellor holding the team key.',
    counsellorsFailed: 'The list of counsellors could not be loaded.',
    you: '(you)',
  },
};
