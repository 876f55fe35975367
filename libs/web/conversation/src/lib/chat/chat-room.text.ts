import { Catalog } from '@confidant/web/core';
import { Audience } from '../thread/thread.text';

export interface ChatRoomText {
  title: string;
  intro: Record<Audience, string>;
  joining: string;
  notOpen: Record<Audience, string>;
  notFound: string;
  failed: string;
  tryAgain: string;
  present: Record<Audience, string>;
  absent: Record<Audience, string>;
  typing: Record<Audience, string>;
  delivered: string;
  ended: string;
  endedByTime: string;
  connectionLost: string;
  sessionEnded: string;
  tooManyConnections: string;
  end: string;
  confirmEnd: string;
  endNow: string;
  keepChatting: string;
  back: string;
  until: (time: string, zone: string) => string;
}

export const CHAT_ROOM_TEXT: Catalog<ChatRoomText> = {
  de: {
    title: 'Chatraum',
    intro: {
      client:
        'Sie schreiben jetzt direkt mit Ihrer Beraterin. Die Nachrichten sind verschlüsselt und bleiben im Verlauf Ihrer Beratung.',
      staff:
        'Sie schreiben jetzt direkt mit der Klientin. Die Nachrichten bleiben verschlüsselt im Verlauf der Beratung.',
    },
    joining: 'Sie betreten den Chatraum …',
    notOpen: {
      client:
        'Der Chatraum ist gerade nicht geöffnet. Ihre Beraterin öffnet ihn zur vereinbarten Zeit; diese Seite sagt es Ihnen.',
      staff:
        'Der Chatraum ist gerade nicht geöffnet. Sie können ihn ab zehn Minuten vor Beginn eines vereinbarten Termins öffnen.',
    },
    notFound: 'Diese Beratung gibt es nicht (mehr).',
    failed: 'Der Chatraum ist gerade nicht erreichbar.',
    tryAgain: 'Erneut versuchen',
    present: { client: 'Ihre Beraterin ist im Chatraum.', staff: 'Die Klientin ist im Chatraum.' },
    absent: {
      client: 'Ihre Beraterin ist gerade nicht im Chatraum.',
      staff: 'Die Klientin ist noch nicht im Chatraum.',
    },
    typing: { client: 'Ihre Beraterin schreibt …', staff: 'Die Klientin schreibt …' },
    delivered: 'Zugestellt',
    ended: 'Der Chat ist beendet. Die Nachrichten stehen im Verlauf der Beratung.',
    endedByTime: 'Die Zeit des Termins ist um; der Chat ist beendet.',
    connectionLost: 'Die Verbindung ist unterbrochen. Sie wird wiederhergestellt …',
    sessionEnded: 'Ihre Sitzung ist beendet.',
    tooManyConnections:
      'Der Chat ist schon in zu vielen Fenstern oder Tabs geöffnet (auch auf anderen Geräten, auf denen Sie angemeldet sind). Schließen Sie eines davon und versuchen Sie es dann erneut.',
    end: 'Chat beenden',
    confirmEnd: 'Den Chat für beide beenden?',
    endNow: 'Jetzt beenden',
    keepChatting: 'Weiterschreiben',
    back: 'Zurück zur Beratung',
    until: (time, zone) => `Termin bis ${time} Uhr (${zone})`,
  },
  en: {
    title: 'Chat room',
    intro: {
      client:
        'You are now writing directly with your counsellor. The messages are encrypted and stay in the history of your counselling.',
      staff:
        'You are now writing directly with the client. The messages stay encrypted in the history of the counselling.',
    },
    joining: 'Entering the chat room …',
    notOpen: {
      client:
        'The chat room is not open right now. Your counsellor opens it at the agreed time; this page will tell you.',
      staff:
        'The chat room is not open right now. You can open it from ten minutes before an agreed appointment.',
    },
    notFound: 'This counselling does not exist (any more).',
    failed: 'The chat room cannot be reached right now.',
    tryAgain: 'Try again',
    present: {
      client: 'Your counsellor is in the chat room.',
      staff: 'The client is in the chat room.',
    },
    absent: {
      client: 'Your counsellor is not in the chat room right now.',
      staff: 'The client is not in the chat room yet.',
    },
    typing: { client: 'Your counsellor is typing …', staff: 'The client is typing …' },
    delivered: 'Delivered',
    ended: 'The chat has ended. The messages are in the history of the counselling.',
    endedByTime: 'The appointment’s time is over; the chat has ended.',
    connectionLost: 'The connection was interrupted. Reconnecting …',
    sessionEnded: 'Your session has ended.',
    tooManyConnections:
      'The chat is already open in too many windows or tabs (also on other devices where you are logged in). Close one of them, then try again.',
    end: 'End the chat',
    confirmEnd: 'End the chat for both of you?',
    endNow: 'End now',
    keepChatting: 'Keep writing',
    back: 'Back to the counselling',
    until: (time, zone) => `Appointment until ${time} (${zone})`,
  },
};
