import { ChatSettings } from '../chat-settings';
import { EventBucket } from './event-bucket';

/** One socket as the limits count it: fixed-size keys only, never the session token itself. */
export interface ChatSlot {
  socketId: string;
  /** The session's key (the SHA-256 of its token, as the sessions table keys it). */
  sessionKey: string;
  accountId: string;
}

/** What an event costs: every event takes from the account's event budget, a message also… */
export type ChatCost = 'event' | 'message';

/**
 * The chat's counters: how many sockets a session and an account hold, and how many events
 * (and messages among them) an account may send, whichever of her sockets and sessions they come
 * from. An abstract class, so that it is the DI token too: {@link MemoryChatLimits} keeps the
 * counts in this process; with several instances behind a load balancer an implementation on
 * Redis takes its place (a set of socket ids per session and per account, a token bucket per
 * account in a script), which is why every method answers a promise.
 */
export abstract class ChatLimits {
  /**
   * Counts the socket for its session and its account; false, and nothing counted, when either
   * already holds its most. `replaces` names an earlier socket of the same tab (a reconnection
   * after a broken connection), which stops counting first.
   */
  abstract admit(slot: ChatSlot, replaces?: string): Promise<boolean>;

  /** The socket is gone. Releasing twice, or a socket never admitted, does nothing. */
  abstract release(slot: ChatSlot): Promise<void>;

  /** Takes one event (and, for a message, one message) from the account's budget; false when used up. */
  abstract take(accountId: string, cost: ChatCost): Promise<boolean>;
}

/** The limits {@link MemoryChatLimits} needs from the chat settings. */
export type ChatLimitSettings = Pick<
  ChatSettings,
  | 'socketsPerSession'
  | 'socketsPerAccount'
  | 'eventsPerSecond'
  | 'eventBurst'
  | 'messagesPerSecond'
  | 'messageBurst'
>;

/** Budgets kept at most; beyond it, budgets that have refilled go first, then the least recent. */
export const MAX_BUDGETS = 20_000;

interface Budget {
  events: EventBucket;
  messages: EventBucket;
}

/**
 * {@link ChatLimits} in this process's memory, bounded: socket counts live only as long as their
 * sockets; an account's budget outlives her sockets (reconnecting must not refill it) until it
 * has refilled anyway, and at most {@link MAX_BUDGETS} of them are kept.
 */
export class MemoryChatLimits extends ChatLimits {
  private readonly sessions = new Map<string, Set<string>>();
  private readonly accounts = new Map<string, Set<string>>();
  /** In order of last use: the first ones are the stalest. */
  private readonly budgets = new Map<string, Budget>();

  constructor(
    private readonly settings: ChatLimitSettings,
    private readonly maxBudgets = MAX_BUDGETS,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  async admit(slot: ChatSlot, replaces?: string): Promise<boolean> {
    if (replaces !== undefined && this.sessions.get(slot.sessionKey)?.has(replaces)) {
      this.forget(this.sessions, slot.sessionKey, replaces);
      this.forget(this.accounts, slot.accountId, replaces);
    }
    const session = this.sessions.get(slot.sessionKey);
    const account = this.accounts.get(slot.accountId);
    if (
      (session?.size ?? 0) >= this.settings.socketsPerSession ||
      (account?.size ?? 0) >= this.settings.socketsPerAccount
    ) {
      return false;
    }
    this.remember(this.sessions, slot.sessionKey, slot.socketId);
    this.remember(this.accounts, slot.accountId, slot.socketId);
    return true;
  }

  async release(slot: ChatSlot): Promise<void> {
    this.forget(this.sessions, slot.sessionKey, slot.socketId);
    this.forget(this.accounts, slot.accountId, slot.socketId);
  }

  async take(accountId: string, cost: ChatCost): Promise<boolean> {
    const now = this.clock();
    const budget = this.budget(accountId, now);
    // A message that its own budget refuses must not use up an event as well.
    if (cost === 'message' && !budget.messages.has(now)) {
      return false;
    }
    if (!budget.events.take(now)) {
      return false;
    }
    return cost === 'message' ? budget.messages.take(now) : true;
  }

  /** Sockets and budgets held (for tests of the bound). */
  get sizes(): { sessions: number; accounts: number; budgets: number } {
    return {
      sessions: this.sessions.size,
      accounts: this.accounts.size,
      budgets: this.budgets.size,
    };
  }

  private budget(accountId: string, now: number): Budget {
    let budget = this.budgets.get(accountId);
    if (budget) {
      // Most recently used last.
      this.budgets.delete(accountId);
    } else {
      if (this.budgets.size >= this.maxBudgets) {
        this.prune(now);
      }
      const { eventsPerSecond, eventBurst, messagesPerSecond, messageBurst } = this.settings;
      budget = {
        events: new EventBucket(eventsPerSecond, eventBurst, now),
        messages: new EventBucket(messagesPerSecond, messageBurst, now),
      };
    }
    this.budgets.set(accountId, budget);
    return budget;
  }

  /**
   * Makes room: a budget that has refilled is the same as a new one, so those go first; if that
   * is not enough, the least recently used quarter.
   */
  private prune(now: number): void {
    for (const [accountId, budget] of this.budgets) {
      if (budget.events.isFull(now) && budget.messages.isFull(now)) {
        this.budgets.delete(accountId);
      }
    }
    if (this.budgets.size >= this.maxBudgets) {
      let excess = this.budgets.size - Math.floor((this.maxBudgets * 3) / 4);
      for (const accountId of this.budgets.keys()) {
        if (excess-- <= 0) {
          break;
        }
        this.budgets.delete(accountId);
      }
    }
  }

  private remember(map: Map<string, Set<string>>, key: string, socketId: string): void {
    const set = map.get(key);
    if (set) {
      set.add(socketId);
    } else {
      map.set(key, new Set([socketId]));
    }
  }

  private forget(map: Map<string, Set<string>>, key: string, socketId: string): void {
    const set = map.get(key);
    if (set?.delete(socketId) && set.size === 0) {
      map.delete(key);
    }
  }
}
