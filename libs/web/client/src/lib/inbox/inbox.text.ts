import { Catalog, PORTAL_TRUTHS } from '@confidant/web/core';

export interface InboxText {
  dateLocale: string;
  title: string;
  deletion: (date: string) => string;
  newEnquiry: string;
  listLabel: string;
  empty: string;
  untitled: (date: string) => string;
  counsellor: (name: string) => string;
  noCounsellorYet: string;
  lastMessage: (date: string) => string;
  loadFailed: string;
  tryAgain: string;
  toAccount: string;
  // New enquiry
  newTitle: string;
  newIntro: string;
  topicLabel: string;
  noTopic: string;
  messageLabel: string;
  required: string;
  send: string;
  sending: string;
  sendFailed: string;
  notReady: string;
  sentTitle: string;
  promise: (days: number) => string;
  phone: (phone: string) => string;
  toConversation: string;
  toInbox: string;
  // Conversation
  conversationTitle: string;
  stateLabel: string;
  lockedTitle: string;
  lockedText: string;
  lockedHowTo: (phone: string) => string;
  closedNote: string;
  waitingNote: (days: number) => string;
  notFound: string;
}

export const INBOX_TEXT: Catalog<InboxText> = {
  de: {
    dateLocale: 'de-DE',
    title: 'Ihre Nachrichten',
    deletion: PORTAL_TRUTHS.de.deletionOn,
    newEnquiry: 'Neue Anfrage schreiben',
    listLabel: 'Ihre Beratungen',
    empty: 'Sie haben noch nicht geschrieben.',
    untitled: (date) => `Anfrage vom ${date}`,
    counsellor: (name) => `Ihre Beraterin: ${name}`,
    noCounsellorYet: 'Eine Beraterin übernimmt Ihre Anfrage bald.',
    lastMessage: (date) => `Letzte Nachricht: ${date}`,
    loadFailed: 'Ihre Nachrichten konnten nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    toAccount: 'Konto und Einstellungen',
    newTitle: 'Neue Anfrage',
    newIntro: `Schreiben Sie in Ruhe, was Sie bewegt. ${PORTAL_TRUTHS.de.whoReads}`,
    topicLabel: 'Thema (freiwillig)',
    noTopic: 'Kein Thema angeben',
    messageLabel: 'Ihre Nachricht',
    required: 'Bitte schreiben Sie eine Nachricht.',
    send: 'Anfrage senden',
    sending: 'Wird verschlüsselt und gesendet …',
    sendFailed:
      'Die Anfrage konnte nicht gesendet werden. Ihr Text ist noch da; versuchen Sie es erneut.',
    notReady: 'Die Online-Beratung ist noch nicht eingerichtet. Bitte rufen Sie uns an.',
    sentTitle: 'Ihre Anfrage ist angekommen',
    promise: (days) => `Antwort in der Regel innerhalb von ${days} Tagen.`,
    phone: (phone) => `Wenn Sie schneller Hilfe brauchen, rufen Sie uns an: ${phone}`,
    toConversation: 'Zur Anfrage',
    toInbox: 'Zu Ihren Nachrichten',
    conversationTitle: 'Ihre Anfrage',
    stateLabel: 'Stand',
    lockedTitle: 'Dieser Verlauf ist gesperrt',
    lockedText:
      'Sie haben Ihr Passwort per E-Mail zurückgesetzt. Dabei bekam Ihr Konto einen neuen Schlüssel, und die bisherigen Nachrichten lassen sich damit nicht öffnen. Ihre Beraterin sieht, dass sich Ihr Schlüssel geändert hat. Sie wird sich vergewissern, dass Sie es sind, und Ihnen den Verlauf dann wieder freigeben. Bis dahin können Sie hier weder lesen noch schreiben; Sie müssen dafür nichts tun.',
    lockedHowTo: (phone) => `Wenn Sie nicht warten möchten, rufen Sie uns an: ${phone}.`,
    closedNote:
      'Diese Beratung ist abgeschlossen. Wenn Sie wieder schreiben, geht sie mit derselben Beraterin weiter.',
    waitingNote: (days) =>
      `Ihre Nachricht ist angekommen. Antwort in der Regel innerhalb von ${days} Tagen.`,
    notFound: 'Diese Anfrage gibt es nicht (mehr).',
  },
  en: {
    dateLocale: 'en-GB',
    title: 'Your messages',
    deletion: PORTAL_TRUTHS.en.deletionOn,
    newEnquiry: 'Write a new enquiry',
    listLabel: 'Your counselling',
    empty: 'You have not written yet.',
    untitled: (date) => `Enquiry of ${date}`,
    counsellor: (name) => `Your counsellor: ${name}`,
    noCounsellorYet: 'A counsellor will take over your enquiry soon.',
    lastMessage: (date) => `Last message: ${date}`,
    loadFailed: 'Your messages could not be loaded.',
    tryAgain: 'Try again',
    toAccount: 'Account and settings',
    newTitle: 'New enquiry',
    newIntro: `Take your time to write what is on your mind. ${PORTAL_TRUTHS.en.whoReads}`,
    topicLabel: 'Topic (optional)',
    noTopic: 'No topic',
    messageLabel: 'Your message',
    required: 'Please write a message.',
    send: 'Send enquiry',
    sending: 'Encrypting and sending …',
    sendFailed: 'The enquiry could not be sent. Your text is still here; please try again.',
    notReady: 'Online counselling is not set up yet. Please call us.',
    sentTitle: 'Your enquiry has arrived',
    promise: (days) => `You will usually get an answer within ${days} days.`,
    phone: (phone) => `If you need help sooner, call us: ${phone}`,
    toConversation: 'Open the enquiry',
    toInbox: 'To your messages',
    conversationTitle: 'Your enquiry',
    stateLabel: 'Status',
    lockedTitle: 'This history is locked',
    lockedText:
      'You reset your password by e-mail. Your account got a new key then, which cannot open the earlier messages. Your counsellor sees that your key has changed. She will make sure it is you and then release the history to you again. Until then you can neither read nor write here; you need not do anything.',
    lockedHowTo: (phone) => `If you would rather not wait, call us: ${phone}.`,
    closedNote:
      'This counselling is closed. If you write again, it continues with the same counsellor.',
    waitingNote: (days) =>
      `Your message has arrived. You will usually get an answer within ${days} days.`,
    notFound: 'This enquiry does not exist (any more).',
  },
};
