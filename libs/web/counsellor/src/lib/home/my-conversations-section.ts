import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { ConversationSummary } from '@confidant/shared/api-interfaces';
import { Conversations, FORMAT_TEXT } from '@confidant/web/conversation';
import { CentreStore, I18n } from '@confidant/web/core';
import { conversationLink } from '../conversation/conversation-link';
import { WaitingMarker } from '../waiting/waiting-marker';
import { byWaiting, matchesFilter, MINE_FILTERS, MineFilter } from './conversation-listing';
import { STAFF_HOME_TEXT } from './staff-home.text';

/**
 * The conversations assigned to her, whoever has waited longest first, with unread counts and the
 * centre's promise; filtered by state. A lead may also show every conversation of the centre, to
 * open one and assign it to someone else.
 */
@Component({
  selector: 'cf-my-conversations-section',
  imports: [RouterLink, MatButton, MatRadioGroup, MatRadioButton, WaitingMarker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="mine-title" data-testid="mine">
      <h2 id="mine-title">{{ text().mineTitle }}</h2>
      <p id="mine-filter-label" class="filter-label">{{ text().filterLabel }}</p>
      <mat-radio-group
        class="filters"
        aria-labelledby="mine-filter-label"
        [value]="filter()"
        (change)="choose($event.value)"
      >
        @for (option of filters(); track option) {
          <mat-radio-button [value]="option">{{ text().filters[option] }}</mat-radio-button>
        }
      </mat-radio-group>
      <p class="count" role="status" data-testid="mine-count">
        @if (shown(); as shown) {
          {{ text().shown(shown.length) }}
        }
      </p>
      @if (failed()) {
        <p class="error" role="alert">
          {{ text().loadFailed }}
          <button mat-stroked-button type="button" (click)="load()">{{ text().tryAgain }}</button>
        </p>
      } @else if (shown(); as shown) {
        @if (shown.length === 0) {
          <p data-testid="mine-empty">{{ text().mineEmpty[filter()] }}</p>
        } @else {
          <ul class="conversations" aria-labelledby="mine-title">
            @for (conversation of shown; track conversation.id) {
              <li [attr.data-conversation]="conversation.id">
                <h3>
                  <a
                    [class.unread]="conversation.unread > 0"
                    [routerLink]="linkTo(conversation.id)"
                    >{{ titleOf(conversation) }}</a
                  >
                </h3>
                <p class="facts">
                  <span class="state" data-testid="conversation-state">{{
                    format().states[conversation.state]
                  }}</span>
                  @if (conversation.unread > 0) {
                    <span class="badge" data-testid="unread">{{
                      format().unread(conversation.unread)
                    }}</span>
                  }
                  @if (conversation.clientWaitingSince; as since) {
                    <cf-waiting-marker [since]="since" [responseDays]="responseDays()" />
                  }
                  @if (conversation.clientKeyChanged) {
                    <span class="key-changed" data-testid="key-changed">{{
                      text().keyChanged
                    }}</span>
                  }
                  @if (filter() === 'all') {
                    <span>{{
                      conversation.counsellorName
                        ? text().counsellor(conversation.counsellorName)
                        : text().unassigned
                    }}</span>
                  }
                  <span>{{ text().lastMessage(date(conversation.lastMessageAt)) }}</span>
                </p>
              </li>
            }
          </ul>
        }
      } @else {
        <p>{{ text().loading }}</p>
      }
    </section>
  `,
  styleUrls: ['../../../../core/src/lib/forms/form-page.scss', './conversation-list.scss'],
  styles: `
    .filter-label {
      font: var(--mat-sys-title-small);
      margin: 8px 0 0;
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
  `,
})
export class MyConversationsSection implements OnInit {
  private readonly api = inject(Conversations);
  private readonly centre = inject(CentreStore).centre;

  /** A lead may also show every conversation of the centre. */
  readonly lead = input(false);

  protected readonly text = inject(I18n).select(STAFF_HOME_TEXT);
  protected readonly format = inject(I18n).select(FORMAT_TEXT);
  protected readonly linkTo = conversationLink;
  protected readonly filter = signal<MineFilter>('open');
  protected readonly filters = computed<MineFilter[]>(() =>
    this.lead() ? [...MINE_FILTERS, 'all'] : [...MINE_FILTERS],
  );
  private readonly mine = signal<ConversationSummary[] | null>(null);
  private readonly everything = signal<ConversationSummary[] | null>(null);
  protected readonly failed = signal(false);
  protected readonly responseDays = computed(() => this.centre()?.responseDays);
  protected readonly shown = computed(() => {
    const filter = this.filter();
    const source = filter === 'all' ? this.everything() : this.mine();
    return source
      ? source.filter((conversation) => matchesFilter(conversation, filter)).sort(byWaiting)
      : null;
  });
  private readonly dateFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.text().dateLocale, { dateStyle: 'medium', timeStyle: 'short' }),
  );

  ngOnInit(): void {
    void this.load();
  }

  /** Fetches her conversations again (and the centre's, once a lead asked for them); never throws. */
  async load(): Promise<void> {
    try {
      const withAll = this.lead() && (this.filter() === 'all' || this.everything() !== null);
      const [mine, everything] = await Promise.all([
        this.api.list(),
        withAll ? this.api.list(true) : Promise.resolve(null),
      ]);
      this.mine.set(mine);
      if (everything) {
        this.everything.set(everything);
      }
      this.failed.set(false);
    } catch {
      this.failed.set(true);
    }
  }

  protected choose(filter: MineFilter): void {
    this.filter.set(filter);
    if (filter === 'all' && this.everything() === null) {
      void this.load();
    }
  }

  protected titleOf(conversation: ConversationSummary): string {
    return conversation.topic ?? this.text().untitled(this.date(conversation.createdAt));
  }

  protected date(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }
}
