import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import {
  AppointmentResponse,
  ChatErrorCode,
  ChatJoined,
  ChatEvents,
  ChatMessage,
  ConversationDetail,
  MessageResponse,
  Role,
  Roles,
} from '@confidant/shared/api-interfaces';
import { conversationPath, Drafts, DRAFTS_TEXT, I18n, SessionStore } from '@confidant/web/core';
import { Conversations, PreparedMessage } from '../conversations';
import { ComposerCounter, composerLimit } from '../thread/composer-limit';
import { Audience, THREAD_TEXT } from '../thread/thread.text';
import { zoneName } from './appointment-format';
import { ChatConnection } from './chat-connection';
import { CHAT_ROOM_TEXT } from './chat-room.text';

/** A message in the room, decrypted, with its delivery state for her own. */
export interface ChatEntry {
  id: string;
  senderId: string | null;
  senderRole: Role | null;
  createdAt: string;
  text: string | null;
  own: boolean;
  state: 'sending' | 'sent' | 'delivered' | 'failed';
  prepared?: PreparedMessage;
}

type RoomState =
  | 'joining'
  | 'in'
  | 'not-open'
  | 'not-found'
  | 'failed'
  | 'ended'
  | 'time-over'
  | 'session-ended'
  | 'too-many-connections';

/** What a refused join means here, beyond "not open" (the rest: "cannot be reached"). */
const FAILED_JOINS: Partial<Record<ChatErrorCode, RoomState>> = {
  'not-found': 'not-found',
  unauthorized: 'session-ended',
  // The server refused this tab's connection: the chat is open in too many tabs already.
  'too-many-connections': 'too-many-connections',
};

/** How long "is typing" shows after the last typing event, and how often she sends one. */
const TYPING_SHOWN_MS = 4000;
const TYPING_EVERY_MS = 2000;
/** Recent messages of the thread shown above the chat, for context. */
const CONTEXT_MESSAGES = 10;

/**
 * The live chat room of a conversation (DESIGN.md section 7), for the client and her counsellor
 * alike. Messages are encrypted with the conversation key like all others and stored as messages
 * of kind `chat`, so the transcript stays in the thread. It shows who is in the room, when the
 * other one is typing and when a message was delivered; after a broken connection it rejoins and
 * fetches what was missed by id. The counsellor ends the chat for both. A chat message goes
 * through the same size check as any other (64 KB over the socket too), so the composer refuses
 * a longer text with the thread's counter instead of cutting it.
 */
@Component({
  selector: 'cf-chat-room',
  imports: [MatButton, MatAnchor, RouterLink, ComposerCounter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chat-room.html',
  styleUrls: ['../thread/conversation-thread.scss', './chat-room.scss'],
})
export class ChatRoom {
  private readonly conversations = inject(Conversations);
  private readonly connection = inject(ChatConnection);
  private readonly session = inject(SessionStore);
  private readonly drafts = inject(Drafts);
  private readonly i18n = inject(I18n);

  /** The conversation's id (the route's `:id`). */
  readonly id = input.required<string>();

  protected readonly text = this.i18n.select(CHAT_ROOM_TEXT);
  protected readonly threadText = this.i18n.select(THREAD_TEXT);
  protected readonly draftsText = this.i18n.select(DRAFTS_TEXT);
  protected readonly audience = computed<Audience>(() =>
    this.session.account()?.role === Roles.client ? 'client' : 'staff',
  );
  protected readonly backLink = computed(() =>
    conversationPath(this.session.account()?.role, this.id()),
  );
  protected readonly state = signal<RoomState>('joining');
  protected readonly connected = signal(true);
  protected readonly detail = signal<ConversationDetail | null>(null);
  protected readonly appointment = signal<AppointmentResponse | null>(null);
  protected readonly entries = signal<ChatEntry[]>([]);
  protected readonly othersPresent = signal(false);
  protected readonly otherTyping = signal(false);
  protected readonly confirmingEnd = signal(false);
  protected readonly draft = computed(() => this.drafts.text(this.draftKey()));
  /** The same length rule as every composer: the counter, and no sending over the limit. */
  protected readonly limit = composerLimit(this.draft);
  /** Why the send button does not send right now (its description), or null when it does. */
  protected readonly blockedBy = computed((): 'chat-counter' | 'chat-empty' | null => {
    if (!this.limit.fits()) {
      return 'chat-counter';
    }
    return this.draft().trim() ? null : 'chat-empty';
  });
  /** The polite live region's latest words (the length of her text); a new id is said again. */
  protected readonly announcement = signal<{ id: number; text: string }[]>([]);
  /** "Termin bis 15:30 Uhr (deutsche Zeit)": the end in the centre's time, saying so. */
  protected readonly until = computed(() => {
    const appointment = this.appointment();
    return appointment
      ? this.text().until(
          appointment.localEnd.slice(11, 16),
          zoneName(appointment.timeZone, this.i18n.language()),
        )
      : null;
  });
  private readonly draftKey = computed(() => `chat:${this.id()}`);
  private key: CryptoKey | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;
  private announcements = 0;
  private readonly composer = viewChild<ElementRef<HTMLTextAreaElement>>('composer');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.enter(id));
    });
    const stop = this.connection.listen({
      message: (message) => void this.received(message),
      typing: (typing) => {
        if (typing.conversationId === this.id() && typing.accountId !== this.me()) {
          this.otherTyping.set(true);
          clearTimeout(this.typingTimer);
          this.typingTimer = setTimeout(() => this.otherTyping.set(false), TYPING_SHOWN_MS);
        }
      },
      delivered: (delivered) => {
        if (delivered.conversationId === this.id() && delivered.accountId !== this.me()) {
          this.setState(delivered.id, 'delivered');
        }
      },
      presence: (presence) => {
        if (presence.conversationId === this.id()) {
          this.othersPresent.set(presence.present.some((p) => p.accountId !== this.me()));
        }
      },
      ended: (ended) => {
        if (ended.conversationId === this.id()) {
          this.state.set(ended.reason === 'time-over' ? 'time-over' : 'ended');
          this.otherTyping.set(false);
        }
      },
      disconnected: () => this.connected.set(false),
      reconnected: () => {
        this.connected.set(true);
        if (this.state() === 'in') {
          void this.join();
        }
      },
      appointment: (appointment) => {
        if (
          appointment.conversationId === this.id() &&
          appointment.room === 'open' &&
          this.state() === 'not-open'
        ) {
          void this.join();
        }
      },
      closed: () => this.state.set('session-ended'),
    });
    inject(DestroyRef).onDestroy(() => {
      stop();
      clearTimeout(this.typingTimer);
      if (this.state() === 'in') {
        void this.connection.notify(ChatEvents.leave, { conversationId: this.id() });
      }
    });
  }

  protected author(entry: ChatEntry): string {
    const text = this.threadText();
    if (entry.own) {
      return text.you;
    }
    if (entry.senderRole === Roles.client) {
      return text.client;
    }
    const detail = this.detail();
    return entry.senderId === detail?.counsellorId && detail?.counsellorName
      ? detail.counsellorName
      : text.counsellor;
  }

  protected time(iso: string): string {
    return new Intl.DateTimeFormat(this.threadText().dateLocale, { timeStyle: 'short' }).format(
      new Date(iso),
    );
  }

  protected retryEnter(): Promise<void> {
    return this.enter(this.id());
  }

  protected onInput(event: Event): void {
    const before = this.limit.length();
    this.drafts.setText(this.draftKey(), (event.target as HTMLTextAreaElement).value);
    const said = this.limit.changedFrom(before);
    if (said) {
      this.announce(said);
    }
    const now = Date.now();
    if (now - this.lastTypingSent > TYPING_EVERY_MS) {
      this.lastTypingSent = now;
      void this.connection.notify(ChatEvents.typing, { conversationId: this.id() });
    }
  }

  protected onKeydown(event: KeyboardEvent): void {
    // In a chat, Enter sends; Shift+Enter makes a new line.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.send();
    }
  }

  protected async send(): Promise<void> {
    const text = this.draft().trim();
    if (!this.key || this.state() !== 'in') {
      return;
    }
    if (this.blockedBy()) {
      // Refused, never cut: she hears why, and the field keeps every character.
      this.announce(
        this.blockedBy() === 'chat-empty' ? this.threadText().nothingToSend : this.limit.counter(),
      );
      this.composer()?.nativeElement.focus();
      return;
    }
    const prepared = await this.conversations.prepareMessage(this.id(), this.key, text);
    this.entries.update((entries) => [
      ...entries,
      {
        id: prepared.id,
        senderId: this.me(),
        senderRole: this.session.account()?.role ?? null,
        createdAt: new Date().toISOString(),
        text,
        own: true,
        state: 'sending',
        prepared,
      },
    ]);
    this.drafts.setText(this.draftKey(), '');
    await this.deliver(prepared);
  }

  protected retry(entry: ChatEntry): Promise<void> {
    return entry.prepared ? this.deliver(entry.prepared) : Promise.resolve();
  }

  protected async end(): Promise<void> {
    const ack = await this.connection.emit(ChatEvents.end, { conversationId: this.id() });
    this.confirmingEnd.set(false);
    if (ack.ok) {
      this.state.set('ended');
    }
  }

  private announce(text: string): void {
    this.announcements += 1;
    this.announcement.set([{ id: this.announcements, text }]);
  }

  private me(): string | null {
    return this.session.account()?.id ?? null;
  }

  private async enter(id: string): Promise<void> {
    this.state.set('joining');
    try {
      const detail = await this.conversations.detail(id);
      this.detail.set(detail);
      this.key = await this.conversations.conversationKey(detail);
      const recent = await this.conversations.messages(id, undefined, CONTEXT_MESSAGES);
      this.entries.set(await this.open(recent.filter((m) => m.kind !== 'notice')));
    } catch (error) {
      // A key that cannot be opened (no team key, a changed client key) cannot chat either.
      this.state.set(
        error instanceof HttpErrorResponse && error.status === 404 ? 'not-found' : 'failed',
      );
      return;
    }
    await this.join();
  }

  /** Joins (again) and adds what arrived since the newest message shown. */
  private async join(): Promise<void> {
    // The newest message the server has stored: sending or failed ones it may not know.
    const after = [...this.entries()]
      .reverse()
      .find((entry) => entry.state === 'sent' || entry.state === 'delivered');
    const ack = await this.connection.emit<ChatJoined>(ChatEvents.join, {
      conversationId: this.id(),
      ...(after ? { after: after.id } : {}),
    });
    if (!ack.ok) {
      const notOpen = ack.error === 'not-open' || ack.error === 'forbidden';
      this.state.set(notOpen ? 'not-open' : (FAILED_JOINS[ack.error] ?? 'failed'));
      if (notOpen) {
        // Wait here: when her counsellor opens the room, this page enters it.
        await this.connection.emit(ChatEvents.watch, { conversationId: this.id() });
      }
      return;
    }
    this.appointment.set(ack.appointment);
    this.othersPresent.set(ack.present.some((p) => p.accountId !== this.me()));
    this.add(await this.open(ack.missed.filter((m) => m.kind !== 'notice')));
    this.state.set('in');
    // Messages that failed while the connection was down go out again with their ids.
    for (const entry of this.entries().filter((e) => e.state === 'failed' && e.prepared)) {
      await this.deliver(entry.prepared as PreparedMessage);
    }
  }

  private async received(message: ChatMessage): Promise<void> {
    if (message.conversationId !== this.id()) {
      return;
    }
    this.add(await this.open([message]));
    if (message.senderId !== this.me()) {
      this.otherTyping.set(false);
      void this.connection.notify(ChatEvents.delivered, {
        conversationId: this.id(),
        id: message.id,
      });
    }
  }

  private async deliver(prepared: PreparedMessage): Promise<void> {
    this.setState(prepared.id, 'sending');
    const ack = await this.connection.emit<{ message: ChatMessage }>(ChatEvents.message, {
      conversationId: this.id(),
      id: prepared.id,
      envelope: prepared.envelope,
    });
    if (ack.ok) {
      this.entries.update((entries) =>
        entries.map((entry) =>
          entry.id === prepared.id
            ? {
                ...entry,
                createdAt: ack.message.createdAt,
                state: entry.state === 'delivered' ? 'delivered' : 'sent',
                prepared: undefined,
              }
            : entry,
        ),
      );
    } else {
      this.setState(prepared.id, 'failed');
    }
    this.countPending();
  }

  private setState(id: string, state: ChatEntry['state']): void {
    this.entries.update((entries) =>
      entries.map((entry) => (entry.id === id ? { ...entry, state } : entry)),
    );
    this.countPending();
  }

  private countPending(): void {
    const unsent = this.entries().filter((e) => e.state === 'sending' || e.state === 'failed');
    this.drafts.setPending(this.draftKey(), unsent.length);
  }

  /** Adds messages not shown yet, keeping the order by time. */
  private add(fresh: ChatEntry[]): void {
    this.entries.update((entries) => {
      const known = new Set(entries.map((entry) => entry.id));
      const added = fresh.filter((entry) => !known.has(entry.id));
      return added.length === 0 ? entries : [...entries, ...added];
    });
  }

  private open(messages: MessageResponse[]): Promise<ChatEntry[]> {
    const me = this.me();
    const key = this.key;
    return Promise.all(
      messages.map(async (message) => ({
        id: message.id,
        senderId: message.senderId,
        senderRole: message.senderRole,
        createdAt: message.createdAt,
        text: key ? await this.conversations.open(this.id(), key, message) : null,
        own: message.senderId !== null && message.senderId === me,
        state: 'sent' as const,
      })),
    );
  }
}
