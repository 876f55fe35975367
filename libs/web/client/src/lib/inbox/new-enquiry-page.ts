import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import {
  ComposerCounter,
  composerLimit,
  Conversations,
  PreparedEnquiry,
} from '@confidant/web/conversation';
import { AccountRoutes, CentreStore, Drafts, DRAFTS_TEXT, I18n } from '@confidant/web/core';
import { INBOX_TEXT } from './inbox.text';

/** The drafts key of the enquiry she is writing (there is no conversation id before it is sent). */
const DRAFT_KEY = 'new-enquiry';

/**
 * A new enquiry: an optional topic and free text. Her browser makes the conversation key, seals it
 * to her and to the team, and encrypts the text; a retry after a failure sends exactly the same,
 * so the server never makes two conversations of one enquiry. A text over the limit is refused
 * with the thread's counter (`ComposerLimit`), never cut; a polite live region says so.
 */
@Component({
  selector: 'cf-new-enquiry-page',
  imports: [RouterLink, MatAnchor, MatButton, ComposerCounter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      @if (sentId(); as id) {
        <h1 tabindex="-1" class="sent-title">{{ text().sentTitle }}</h1>
        <p class="notice" data-testid="promise">{{ text().promise(responseDays()) }}</p>
        @if (phone(); as phone) {
          <p>{{ text().phone(phone) }}</p>
        }
        <div class="actions">
          <a mat-flat-button [routerLink]="['/', routes.inbox, id]">{{ text().toConversation }}</a>
          <a mat-stroked-button [routerLink]="['/', routes.inbox]">{{ text().toInbox }}</a>
        </div>
      } @else {
        <h1>{{ text().newTitle }}</h1>
        <p>{{ text().newIntro }}</p>
        @if (!teamPublicKey()) {
          <p class="error" role="alert">{{ text().notReady }}</p>
        } @else {
          <form (submit)="$event.preventDefault(); send()" novalidate>
            @if (topics().length > 0) {
              <label for="enquiry-topic">{{ text().topicLabel }}</label>
              <select
                id="enquiry-topic"
                autocomplete="off"
                [value]="topic()"
                (change)="onTopic($event)"
              >
                <option value="">{{ text().noTopic }}</option>
                @for (topic of topics(); track topic) {
                  <option [value]="topic">{{ topic }}</option>
                }
              </select>
            }
            <label for="enquiry-text">{{ text().messageLabel }}</label>
            <!-- No maxlength: a longer text is refused with the counter, never cut. -->
            <textarea
              autocomplete="off"
              #field
              id="enquiry-text"
              rows="10"
              dir="auto"
              [value]="draft()"
              [attr.aria-invalid]="showRequired() || !limit.fits()"
              [attr.aria-describedby]="describedBy()"
              (input)="onText($event)"
            ></textarea>
            <cf-composer-counter [limit]="limit" counterId="enquiry-counter" />
            <p id="enquiry-hint" class="hint">{{ draftsText().kept }}</p>
            @if (showRequired()) {
              <p id="enquiry-required" class="error">{{ text().required }}</p>
            }
            @if (failed()) {
              <p class="error" role="alert">{{ text().sendFailed }}</p>
            }
            <div class="actions">
              <!-- Focusable while the text is too long, and described by the counter. -->
              <button
                mat-flat-button
                type="submit"
                disabledInteractive
                [disabled]="sending() || !limit.fits()"
                [attr.aria-describedby]="limit.fits() ? null : 'enquiry-counter'"
              >
                {{ sending() ? text().sending : text().send }}
              </button>
            </div>
          </form>
          <p class="visually-hidden" role="status" data-testid="enquiry-announcer">
            @for (said of announcement(); track said.id) {
              <span>{{ said.text }}</span>
            }
          </p>
        }
        <div class="links">
          <a [routerLink]="['/', routes.inbox]">{{ text().toInbox }}</a>
        </div>
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    label {
      font: var(--mat-sys-title-small);
      margin-top: 8px;
    }

    select,
    textarea {
      font: var(--mat-sys-body-large);
      padding: 12px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
    }

    textarea {
      resize: vertical;
      min-height: 200px;
    }

    select:focus-visible,
    textarea:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 1px;
    }

    .hint {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
})
export class NewEnquiryPage {
  private readonly api = inject(Conversations);
  private readonly drafts = inject(Drafts);
  private readonly centreStore = inject(CentreStore);
  private readonly centre = this.centreStore.centre;

  private readonly i18n = inject(I18n);

  protected readonly text = this.i18n.select(INBOX_TEXT);
  protected readonly draftsText = this.i18n.select(DRAFTS_TEXT);
  protected readonly routes = AccountRoutes;
  protected readonly topics = computed(() => this.centre()?.topics ?? []);
  protected readonly teamPublicKey = computed(() => this.centre()?.teamPublicKey ?? null);
  protected readonly responseDays = computed(() => this.centre()?.responseDays ?? 3);
  protected readonly phone = computed(() => this.centre()?.phone ?? null);
  protected readonly draft = computed(() => this.drafts.text(DRAFT_KEY));
  /** The same length rule as every composer: the counter, and no sending over the limit. */
  protected readonly limit = composerLimit(this.draft);
  protected readonly topic = signal('');
  protected readonly sending = signal(false);
  protected readonly failed = signal(false);
  protected readonly showRequired = signal(false);
  protected readonly sentId = signal<string | null>(null);
  protected readonly describedBy = computed(() =>
    [
      this.limit.counter() ? 'enquiry-counter' : null,
      'enquiry-hint',
      this.showRequired() ? 'enquiry-required' : null,
    ]
      .filter(Boolean)
      .join(' '),
  );
  /** The live region's latest words; a new id makes a new node, so a repeat is said again. */
  protected readonly announcement = signal<{ id: number; text: string }[]>([]);
  private readonly field = viewChild<ElementRef<HTMLTextAreaElement>>('field');
  private announcements = 0;
  /** The encrypted enquiry of the last attempt, with what it was made from. */
  private prepared: { enquiry: PreparedEnquiry; text: string; topic: string } | null = null;

  constructor() {
    if (!this.teamPublicKey()) {
      // The page may have been delivered before the centre was set up.
      void this.centreStore.refresh();
    }
  }

  protected onText(event: Event): void {
    const before = this.limit.length();
    this.drafts.setText(DRAFT_KEY, (event.target as HTMLTextAreaElement).value);
    this.showRequired.set(false);
    const said = this.limit.changedFrom(before);
    if (said) {
      this.announce(said);
    }
  }

  protected onTopic(event: Event): void {
    this.topic.set((event.target as HTMLSelectElement).value);
  }

  protected async send(): Promise<void> {
    const text = this.draft().trim();
    const teamPublicKey = this.teamPublicKey();
    if (!text) {
      this.showRequired.set(true);
      return;
    }
    if (!teamPublicKey || this.sending()) {
      return;
    }
    if (!this.limit.fits()) {
      // Refused, never cut: she hears why, and the field keeps every character.
      this.announce(this.limit.counter());
      this.field()?.nativeElement.focus();
      return;
    }
    this.sending.set(true);
    this.failed.set(false);
    try {
      if (!this.prepared || this.prepared.text !== text || this.prepared.topic !== this.topic()) {
        // Changed after a failed attempt: a new enquiry (the failed one was never stored).
        this.prepared = {
          enquiry: await this.api.prepareEnquiry(teamPublicKey, text, this.topic() || null),
          text,
          topic: this.topic(),
        };
      }
      const result = await this.api.createEnquiry(this.prepared.enquiry);
      this.drafts.setText(DRAFT_KEY, '');
      this.prepared = null;
      this.sentId.set(result.conversation.id);
    } catch {
      this.failed.set(true);
    } finally {
      this.sending.set(false);
    }
  }

  private announce(text: string): void {
    this.announcements += 1;
    this.announcement.set([{ id: this.announcements, text }]);
  }
}
