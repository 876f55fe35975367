import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ConversationSummary } from '@confidant/shared/api-interfaces';
import { Conversations, FORMAT_TEXT } from '@confidant/web/conversation';
import { AccountRoutes, I18n, SessionStore } from '@confidant/web/core';
import { ClientAccount } from '../account/client-account';
import { INBOX_TEXT } from './inbox.text';

/** Her conversations with their state and unread counts, the way to a new enquiry, and her deletion date. */
@Component({
  selector: 'cf-inbox-page',
  imports: [RouterLink, MatAnchor, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().title }}</h1>
      @if (deletionDate(); as date) {
        <p class="deletion" data-testid="deletion-date">{{ text().deletion(date) }}</p>
      }
      <div class="actions">
        <a mat-flat-button [routerLink]="'/' + routes.newEnquiry">{{ text().newEnquiry }}</a>
      </div>

      @if (failed()) {
        <p class="error" role="alert">
          {{ text().loadFailed }}
          <button mat-stroked-button type="button" (click)="load()">{{ text().tryAgain }}</button>
        </p>
      } @else if (conversations(); as list) {
        @if (list.length === 0) {
          <p>{{ text().empty }}</p>
        } @else {
          <h2 id="conversations-title">{{ text().listLabel }}</h2>
          <ul class="conversations" aria-labelledby="conversations-title">
            @for (conversation of list; track conversation.id) {
              <li>
                <a
                  class="conversation"
                  [class.unread]="conversation.unread > 0"
                  [routerLink]="['/', routes.inbox, conversation.id]"
                >
                  <span class="title">{{ titleOf(conversation) }}</span>
                  <span class="state" data-testid="conversation-state">{{
                    states().states[conversation.state]
                  }}</span>
                  @if (conversation.unread > 0) {
                    <span class="badge">{{ states().unread(conversation.unread) }}</span>
                  }
                  <span class="detail">
                    {{
                      conversation.counsellorName
                        ? text().counsellor(conversation.counsellorName)
                        : text().noCounsellorYet
                    }}
                  </span>
                  <span class="detail">{{
                    text().lastMessage(date(conversation.lastMessageAt))
                  }}</span>
                </a>
              </li>
            }
          </ul>
        }
      }
      <div class="links">
        <a [routerLink]="['/', routes.account]">{{ text().toAccount }}</a>
      </div>
    </article>
  `,
  styleUrls: ['../../../../core/src/lib/forms/form-page.scss', './conversation-list.scss'],
})
export class InboxPage implements OnInit {
  private readonly session = inject(SessionStore);
  private readonly api = inject(Conversations);
  private readonly account = inject(ClientAccount);

  protected readonly text = inject(I18n).select(INBOX_TEXT);
  protected readonly states = inject(I18n).select(FORMAT_TEXT);
  protected readonly routes = AccountRoutes;
  protected readonly conversations = signal<ConversationSummary[] | null>(null);
  protected readonly failed = signal(false);
  protected readonly deletionDate = computed(() => {
    const date = this.session.account()?.deletionDate;
    return date ? this.format(date, { dateStyle: 'long' }) : null;
  });

  ngOnInit(): void {
    void this.load();
    // The session answer may be some minutes old; the deletion date moves with activity.
    this.account.refreshAccount().catch(() => undefined);
  }

  protected async load(): Promise<void> {
    this.failed.set(false);
    try {
      this.conversations.set(await this.api.list());
    } catch {
      this.failed.set(true);
    }
  }

  protected titleOf(conversation: ConversationSummary): string {
    return conversation.topic ?? this.text().untitled(this.date(conversation.createdAt, 'medium'));
  }

  protected date(iso: string, dateStyle: 'medium' | 'long' = 'medium'): string {
    return this.format(iso, {
      dateStyle,
      ...(dateStyle === 'medium' ? { timeStyle: 'short' } : {}),
    });
  }

  private format(iso: string, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(this.text().dateLocale, options).format(new Date(iso));
  }
}
