import { DEFAULT_CENTRE_TIME_ZONE } from '@confidant/shared/api-interfaces';

/** What the chat module can be configured with. */
export interface ChatSettings {
  /** IANA zone in which the centre states its appointments. */
  timeZone: string;
  /** Events one socket may send per second on average… */
  eventsPerSecond: number;
  /** …and at once after a quiet moment. */
  eventBurst: number;
}

export const CHAT_SETTINGS = Symbol('CHAT_SETTINGS');

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  timeZone: DEFAULT_CENTRE_TIME_ZONE,
  eventsPerSecond: 10,
  eventBurst: 30,
};
