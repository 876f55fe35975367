import { DEFAULT_CENTRE_TIME_ZONE } from '@confidant/shared/api-interfaces';

/** What the chat module can be configured with. */
export interface ChatSettings {
  /** IANA zone in which the centre states its appointments. */
  timeZone: string;
  /** Chat sockets one session may hold at once (browser tabs of one login); one more is refused… */
  socketsPerSession: number;
  /** …and those all sessions of one account may hold together. */
  socketsPerAccount: number;
  /** Events one account may send per second on average, over all her sockets and sessions… */
  eventsPerSecond: number;
  /** …and at once after a quiet moment. */
  eventBurst: number;
  /** Messages (stored events) among them, per second on average… */
  messagesPerSecond: number;
  /** …and at once. */
  messageBurst: number;
}

export const CHAT_SETTINGS = Symbol('CHAT_SETTINGS');

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  timeZone: DEFAULT_CENTRE_TIME_ZONE,
  socketsPerSession: 3,
  socketsPerAccount: 10,
  eventsPerSecond: 10,
  eventBurst: 30,
  messagesPerSecond: 2,
  messageBurst: 20,
};
