import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { RouterLink } from '@angular/router';
import { ConversationDetail } from '@confidant/shared/api-interfaces';
import {
  AppointmentsPanel,
  ConversationThread,
  Conversations,
  FORMAT_TEXT,
  LockedConversationError,
} from '@confidant/web/conversation';
import { AccountRoutes, CentreStore, CHAT_SEGMENT, I18n } from '@confidant/web/core';
import { Icon, lockIcon } from '@confidant/web/ui';
import { INBOX_TEXT } from './inbox.text';

/**
 * One of her conversations: the thread decrypted in her browser and the composer. Writing into a
 * closed conversation reopens it with the same counsellor. After a reset by e-mail the key cannot
 * be opened until her counsellor re-shares it: the page says so plainly.
 */
@Component({
  selector: 'cf-client-conversation-page',
  imports: [RouterLink, ConversationThread, AppointmentsPanel, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      @if (notFound()) {
        <h1>{{ text().conversationTitle }}</h1>
        <p class="error" role="alert">{{ text().notFound }}</p>
      } @else if (detail(); as detail) {
        <h1>{{ detail.topic ?? text().conversationTitle }}</h1>
        <p class="facts">
          <span data-testid="conversation-state">{{ states().states[detail.state] }}</span>
          <span>
            {{
              detail.counsellorName
                ? text().counsellor(detail.counsellorName)
                : text().noCounsellorYet
            }}
          </span>
        </p>
        @if (locked()) {
          <section class="notice locked" role="status" data-testid="conversation-locked">
            <cf-icon [svg]="lockIcon" />
            <div>
              <h2>{{ text().lockedTitle }}</h2>
              <p>{{ text().lockedText }}</p>
              @if (phone(); as phone) {
                <p>{{ text().lockedHowTo(phone) }}</p>
              }
            </div>
          </section>
        } @else if (detail.state === 'closed') {
          <p class="notice">{{ text().closedNote }}</p>
        } @else if (detail.state === 'waiting-for-counsellor') {
          <p class="notice">{{ text().waitingNote(responseDays()) }}</p>
        }
        @if (!locked()) {
          <cf-appointments-panel
            [conversationId]="detail.id"
            [conversationKey]="key()"
            audience="client"
            [roomLink]="chatLink()"
          />
        }
        <cf-conversation-thread
          [detail]="detail"
          [conversationKey]="key()"
          [canWrite]="!locked()"
          audience="client"
          (sent)="refresh()"
        />
      }
      <div class="links">
        <a [routerLink]="['/', routes.inbox]">{{ text().toInbox }}</a>
      </div>
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .page {
      max-width: 720px;
    }

    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .locked {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin-bottom: 16px;
    }

    .locked h2 {
      margin-top: 8px;
    }
  `,
})
export class ClientConversationPage implements OnInit {
  private readonly api = inject(Conversations);
  private readonly centre = inject(CentreStore).centre;

  /** The route's `:id`. */
  readonly id = input.required<string>();

  protected readonly text = inject(I18n).select(INBOX_TEXT);
  protected readonly states = inject(I18n).select(FORMAT_TEXT);
  protected readonly routes = AccountRoutes;
  protected readonly lockIcon = lockIcon;
  protected readonly detail = signal<ConversationDetail | null>(null);
  protected readonly key = signal<CryptoKey | null>(null);
  protected readonly locked = signal(false);
  protected readonly notFound = signal(false);
  protected readonly responseDays = computed(() => this.centre()?.responseDays ?? 3);
  protected readonly phone = computed(() => this.centre()?.phone ?? null);
  protected readonly chatLink = computed(
    () => `/${AccountRoutes.inbox}/${encodeURIComponent(this.id())}/${CHAT_SEGMENT}`,
  );

  ngOnInit(): void {
    void this.load();
  }

  /** After she sent: the state (waiting, reopened) changed. */
  protected async refresh(): Promise<void> {
    try {
      this.detail.set(await this.api.detail(this.id()));
    } catch {
      // The thread shows what she sent; the state line catches up on the next visit.
    }
  }

  private async load(): Promise<void> {
    let detail: ConversationDetail;
    try {
      detail = await this.api.detail(this.id());
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) {
        this.notFound.set(true);
      }
      return;
    }
    try {
      this.key.set(await this.api.conversationKey(detail));
    } catch (error) {
      if (!(error instanceof LockedConversationError)) {
        throw error;
      }
      this.locked.set(true);
    }
    this.detail.set(detail);
  }
}
