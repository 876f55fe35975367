import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  ConversationDetail,
  MessageKind,
  MessageResponse,
  NoticeCode,
  Role,
  Roles,
} from '@confidant/shared/api-interfaces';
import { Drafts, DRAFTS_TEXT, I18n, SessionStore } from '@confidant/web/core';
import { Icon, lockIcon } from '@confidant/web/ui';
import { Conversations, PreparedMessage } from '../conversations';
import { ComposerCounter, composerLimit } from './composer-limit';
import { Audience, THREAD_TEXT } from './thread.text';

export { MAX_MESSAGE_CHARACTERS } from './message-limit';

/** A message as the thread shows it: decrypted (or locked), with its sending state. */
export interface ThreadEntry {
  id: string;
  kind: MessageKind;
  senderId: string | null;
  senderRole: Role | null;
  notice: NoticeCode | null;
  createdAt: string;
  /** The decrypted text; null when it cannot be opened. */
  text: string | null;
  own: boolean;
  state: 'sent' | 'sending' | 'failed';
  /** Kept for a retry: the same id and envelope again, so nothing is stored twice. */
  prepared?: PreparedMessage;
}

const PAGE_SIZE = 50;
const POLL_MS = 20_000;

/**
 * The thread of one conversation, decrypted in the browser, with a composer. Shared by the client
 * and the staff pages. Sending shows its state; a failed message stays with a retry that reuses
 * its id, so a lost answer never doubles it. The composer's text lives in {@link Drafts}.
 *
 * For screen readers: a polite live region says "sent", "not sent" and "new message" in a few
 * neutral words (the thread's log itself stays quiet, so nobody hears message text read out
 * unasked); focus stays in the composer after sending; a text over the limit is refused with a
 * counter, never cut, and the send button is described by the reason it does not send.
 */
@Component({
  selector: 'cf-conversation-thread',
  imports: [MatButton, Icon, ComposerCounter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './conversation-thread.html',
  styleUrl: './conversation-thread.scss',
})
export class ConversationThread {
  private readonly conversations = inject(Conversations);
  private readonly session = inject(SessionStore);
  private readonly drafts = inject(Drafts);
  private readonly destroyRef = inject(DestroyRef);

  readonly detail = input.required<ConversationDetail>();
  /** The opened conversation key; null while opening or when it cannot be opened. */
  readonly conversationKey = input<CryptoKey | null>(null);
  readonly canWrite = input(false);
  readonly audience = input<Audience>('client');
  /** A message was stored: the page may refresh the conversation's state. */
  readonly sent = output<void>();

  private readonly i18n = inject(I18n);

  protected readonly text = this.i18n.select(THREAD_TEXT);
  protected readonly draftsText = this.i18n.select(DRAFTS_TEXT);
  protected readonly lockIcon = lockIcon;
  protected readonly entries = signal<ThreadEntry[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadFailed = signal(false);
  protected readonly hasEarlier = signal(false);
  protected readonly preparing = signal(false);
  protected readonly encryptFailed = signal(false);
  protected readonly draft = computed(() => this.drafts.text(this.detail().id));
  /** The length rule shared by every composer: the counter, and no sending over the limit. */
  protected readonly limit = composerLimit(this.draft);
  /** Why the send button does not send right now (its description), or null when it does. */
  protected readonly blockedBy = computed((): 'composer-counter' | 'composer-empty' | null => {
    if (!this.limit.fits()) {
      return 'composer-counter';
    }
    return this.draft().trim() ? null : 'composer-empty';
  });
  /** The live region's latest words; a new id makes a new node, so a repeat is said again. */
  protected readonly announcement = signal<{ id: number; text: string }[]>([]);
  protected readonly dateFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.text().dateLocale, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  private readonly me = computed(() => this.session.account()?.id ?? null);
  private readonly conversationId = computed(() => this.detail().id);
  private readonly composer = viewChild<ElementRef<HTMLTextAreaElement>>('composer');
  private lastRead: string | null = null;
  private announcements = 0;

  constructor() {
    // A new detail object for the same conversation (after a send or an action) keeps the thread;
    // another conversation or another key loads and decrypts it again.
    effect(() => {
      this.conversationId();
      const key = this.conversationKey();
      untracked(() => void this.load(this.detail(), key));
    });
    const poll = setInterval(() => void this.refresh(), POLL_MS);
    this.destroyRef.onDestroy(() => clearInterval(poll));
  }

  protected author(entry: ThreadEntry): string {
    const text = this.text();
    if (entry.own) {
      return text.you;
    }
    if (entry.senderRole === Roles.client) {
      return text.client;
    }
    const detail = this.detail();
    if (entry.senderId === detail.counsellorId && detail.counsellorName) {
      return detail.counsellorName;
    }
    return text.counsellor;
  }

  protected noticeText(code: NoticeCode | null): string {
    return code ? this.text().notices[this.audience()][code] : '';
  }

  protected time(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }

  protected onInput(event: Event): void {
    const before = this.limit.length();
    this.drafts.setText(this.detail().id, (event.target as HTMLTextAreaElement).value);
    const said = this.limit.changedFrom(before);
    if (said) {
      this.announce(said);
    }
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.send();
    }
  }

  /** Encrypts the composer's text and sends it; the text moves from the composer into the thread. */
  protected async send(): Promise<void> {
    const detail = this.detail();
    const key = this.conversationKey();
    const text = this.draft().trim();
    if (!key || this.preparing()) {
      return;
    }
    if (this.blockedBy()) {
      // Refused, never cut: she hears why, and the field keeps every character.
      this.announce(
        this.blockedBy() === 'composer-empty' ? this.text().nothingToSend : this.limit.counter(),
      );
      this.focusComposer();
      return;
    }
    this.preparing.set(true);
    let prepared: PreparedMessage;
    try {
      prepared = await this.conversations.prepareMessage(detail.id, key, text);
    } catch {
      // Encryption itself failed (the browser refused): the text stays in the composer.
      this.encryptFailed.set(true);
      return;
    } finally {
      this.preparing.set(false);
    }
    this.encryptFailed.set(false);
    this.entries.update((entries) => [
      ...entries,
      {
        id: prepared.id,
        kind: 'message',
        senderId: this.me(),
        senderRole: this.session.account()?.role ?? null,
        notice: null,
        createdAt: new Date().toISOString(),
        text,
        own: true,
        state: 'sending',
        prepared,
      },
    ]);
    this.drafts.setText(detail.id, '');
    // The button she pressed turns inactive: keep her in the composer, not on <body>.
    this.focusComposer();
    await this.deliver(detail.id, prepared);
  }

  protected retry(entry: ThreadEntry): Promise<void> {
    if (!entry.prepared) {
      return Promise.resolve();
    }
    // The retry button goes away once it is sent; focus waits in the composer instead.
    this.focusComposer();
    return this.deliver(this.detail().id, entry.prepared);
  }

  protected loadEarlier(): Promise<void> {
    return this.fetchEarlier();
  }

  protected reload(): Promise<void> {
    return this.load(this.detail(), this.conversationKey());
  }

  private async deliver(conversationId: string, prepared: PreparedMessage): Promise<void> {
    this.setState(prepared.id, 'sending');
    try {
      const stored = await this.conversations.send(conversationId, prepared);
      this.entries.update((entries) =>
        entries.map((entry) =>
          entry.id === stored.id
            ? { ...entry, createdAt: stored.createdAt, state: 'sent', prepared: undefined }
            : entry,
        ),
      );
      this.lastRead = stored.id;
      this.countPending();
      this.announce(this.text().announce.sent);
      this.sent.emit();
    } catch {
      this.setState(prepared.id, 'failed');
      this.announce(this.text().announce.failed);
    }
  }

  private announce(text: string): void {
    this.announcements += 1;
    this.announcement.set([{ id: this.announcements, text }]);
  }

  private focusComposer(): void {
    this.composer()?.nativeElement.focus();
  }

  private setState(id: string, state: ThreadEntry['state']): void {
    this.entries.update((entries) =>
      entries.map((entry) => (entry.id === id ? { ...entry, state } : entry)),
    );
    this.countPending();
  }

  /** Messages still sending or failed count as unsent text, so leaving warns about them. */
  private countPending(): void {
    const unsent = this.entries().filter((entry) => entry.state !== 'sent').length;
    this.drafts.setPending(this.detail().id, unsent);
  }

  private async load(detail: ConversationDetail, key: CryptoKey | null): Promise<void> {
    this.loading.set(true);
    this.loadFailed.set(false);
    try {
      const page = await this.conversations.messages(detail.id, undefined, PAGE_SIZE);
      const opened = await this.openAll(detail, key, page);
      const unsent = this.entries().filter(
        (entry) => entry.state !== 'sent' && !opened.some((o) => o.id === entry.id),
      );
      this.entries.set([...opened, ...unsent]);
      this.hasEarlier.set(page.length === PAGE_SIZE);
      await this.markRead();
    } catch {
      this.loadFailed.set(true);
    } finally {
      this.loading.set(false);
    }
  }

  /** Fetches the newest page again and adds what arrived meanwhile. */
  private async refresh(): Promise<void> {
    if (this.loading() || this.loadFailed()) {
      return;
    }
    const detail = this.detail();
    try {
      const page = await this.conversations.messages(detail.id, undefined, PAGE_SIZE);
      const known = new Set(this.entries().map((entry) => entry.id));
      const fresh = page.filter((message) => !known.has(message.id));
      if (fresh.length === 0) {
        return;
      }
      const opened = await this.openAll(detail, this.conversationKey(), fresh);
      this.entries.update((entries) => {
        const sent = entries.filter((entry) => entry.state === 'sent');
        const unsent = entries.filter((entry) => entry.state !== 'sent');
        return [...sent, ...opened, ...unsent];
      });
      const incoming = opened.filter((entry) => !entry.own && entry.kind !== 'notice').length;
      if (incoming > 0) {
        this.announce(this.text().announce.fresh(incoming));
      }
      await this.markRead();
    } catch {
      // Offline for a moment: the next round tries again.
    }
  }

  private async fetchEarlier(): Promise<void> {
    const detail = this.detail();
    const first = this.entries().find((entry) => entry.state === 'sent');
    if (!first) {
      return;
    }
    try {
      const page = await this.conversations.messages(detail.id, first.id, PAGE_SIZE);
      const opened = await this.openAll(detail, this.conversationKey(), page);
      this.entries.update((entries) => [...opened, ...entries]);
      this.hasEarlier.set(page.length === PAGE_SIZE);
    } catch {
      this.loadFailed.set(true);
    }
  }

  private openAll(
    detail: ConversationDetail,
    key: CryptoKey | null,
    messages: MessageResponse[],
  ): Promise<ThreadEntry[]> {
    const me = this.me();
    return Promise.all(
      messages.map(async (message) => ({
        id: message.id,
        kind: message.kind,
        senderId: message.senderId,
        senderRole: message.senderRole,
        notice: message.notice,
        createdAt: message.createdAt,
        text:
          message.kind === 'notice' || !key
            ? null
            : await this.conversations.open(detail.id, key, message),
        own: message.senderId !== null && message.senderId === me,
        state: 'sent' as const,
      })),
    );
  }

  /** Tells the server how far she has read, so unread counts drop. */
  private async markRead(): Promise<void> {
    const last = [...this.entries()].reverse().find((entry) => entry.state === 'sent');
    if (!last || last.id === this.lastRead) {
      return;
    }
    this.lastRead = last.id;
    try {
      await this.conversations.markRead(this.detail().id, last.id);
    } catch {
      // Only the unread count stays higher; nothing she wrote is affected.
    }
  }
}
