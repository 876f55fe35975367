import { NoticeCode } from '@confidant/shared/api-interfaces';
import { Catalog } from '@confidant/web/core';

/** Whose view of the thread: notices are worded for her or for the team. */
export type Audience = 'client' | 'staff';

export interface ThreadText {
  dateLocale: string;
  threadLabel: string;
  you: string;
  counsellor: string;
  client: string;
  chat: string;
  notices: Record<Audience, Record<NoticeCode, string>>;
  locked: string;
  lockedHint: Record<Audience, string>;
  sending: string;
  sent: string;
  failed: string;
  retry: string;
  loadEarlier: string;
  loadFailed: string;
  tryAgain: string;
  empty: string;
  composerLabel: string;
  composerHint: string;
  /** The send shortcuts, read out with the field (aria-describedby). */
  shortcuts: string;
  /** Why the send button does not send while the field is empty. */
  nothingToSend: string;
  send: string;
  preparing: string;
  encryptFailed: string;
  /** Short, neutral announcements of the thread's polite live region. */
  announce: { sent: string; failed: string; fresh: (count: number) => string };
}

export const THREAD_TEXT: Catalog<ThreadText> = {
  de: {
    dateLocale: 'de-DE',
    threadLabel: 'Nachrichten',
    you: 'Sie',
    counsellor: 'Beraterin',
    client: 'Klientin',
    chat: 'im Chat',
    notices: {
      client: {
        'counsellor-changed': 'Ihre Beratung wird jetzt von einer anderen Beraterin weitergeführt.',
        closed: 'Die Beratung wurde abgeschlossen. Sie können jederzeit wieder schreiben.',
        reopened: 'Sie haben wieder geschrieben; die Beratung geht weiter.',
        'key-changed':
          'Ihr Passwort wurde per E-Mail zurückgesetzt. Ihre Beraterin gibt Ihnen den Verlauf wieder frei.',
      },
      staff: {
        'counsellor-changed': 'Die Beratung wurde einer anderen Beraterin übertragen.',
        closed: 'Die Beratung wurde abgeschlossen.',
        reopened: 'Die Klientin hat wieder geschrieben; die Beratung ist wieder offen.',
        'key-changed': 'Die Klientin hat ihr Passwort per E-Mail zurückgesetzt.',
      },
    },
    locked: 'Diese Nachricht kann nicht geöffnet werden.',
    lockedHint: {
      client:
        'Nach einem Zurücksetzen des Passworts per E-Mail fehlt Ihrem Browser der alte Schlüssel. Ihre Beraterin kann Ihnen den Verlauf wieder freigeben.',
      staff:
        'Sie wurde mit einem anderen Schlüssel verschlüsselt oder ist beschädigt. Der Inhalt ist für niemanden auf dem Server lesbar.',
    },
    sending: 'Wird gesendet …',
    sent: 'Gesendet',
    failed: 'Nicht gesendet.',
    retry: 'Erneut senden',
    loadEarlier: 'Ältere Nachrichten laden',
    loadFailed: 'Die Nachrichten konnten nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
    empty: 'Noch keine Nachrichten.',
    composerLabel: 'Ihre Nachricht',
    composerHint: 'Verschlüsselt in Ihrem Browser.',
    shortcuts: 'Strg+Enter (Mac: ⌘+Enter) sendet, Enter beginnt eine neue Zeile.',
    nothingToSend: 'Schreiben Sie zuerst Ihre Nachricht.',
    send: 'Senden',
    preparing: 'Wird verschlüsselt …',
    encryptFailed:
      'Ihr Browser konnte die Nachricht nicht verschlüsseln. Ihr Text ist noch da; bitte versuchen Sie es erneut.',
    announce: {
      sent: 'Nachricht gesendet',
      failed: 'Nicht gesendet',
      fresh: (count) => (count === 1 ? 'Neue Nachricht' : `${count} neue Nachrichten`),
    },
  },
  en: {
    dateLocale: 'en-GB',
    threadLabel: 'Messages',
    you: 'You',
    counsellor: 'Counsellor',
    client: 'Client',
    chat: 'in the chat',
    notices: {
      client: {
        'counsellor-changed': 'Another counsellor is now continuing your counselling.',
        closed: 'The counselling was closed. You can write again at any time.',
        reopened: 'You wrote again; the counselling continues.',
        'key-changed':
          'Your password was reset by e-mail. Your counsellor will release the history to you again.',
      },
      staff: {
        'counsellor-changed': 'The counselling was handed over to another counsellor.',
        closed: 'The counselling was closed.',
        reopened: 'The client wrote again; the counselling is open again.',
        'key-changed': 'The client reset her password by e-mail.',
      },
    },
    locked: 'This message cannot be opened.',
    lockedHint: {
      client:
        'After a password reset by e-mail your browser lacks the old key. Your counsellor can release the history to you again.',
      staff:
        'It was encrypted with another key or is damaged. Nobody on the server can read its content.',
    },
    sending: 'Sending …',
    sent: 'Sent',
    failed: 'Not sent.',
    retry: 'Send again',
    loadEarlier: 'Load earlier messages',
    loadFailed: 'The messages could not be loaded.',
    tryAgain: 'Try again',
    empty: 'No messages yet.',
    composerLabel: 'Your message',
    composerHint: 'Encrypted in your browser.',
    shortcuts: 'Ctrl+Enter (Mac: ⌘+Enter) sends, Enter starts a new line.',
    nothingToSend: 'Write your message first.',
    send: 'Send',
    preparing: 'Encrypting …',
    encryptFailed:
      'Your browser could not encrypt the message. Your text is still here; please try again.',
    announce: {
      sent: 'Message sent',
      failed: 'Not sent',
      fresh: (count) => (count === 1 ? 'New message' : `${count} new messages`),
    },
  },
};
