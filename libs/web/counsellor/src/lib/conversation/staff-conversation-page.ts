import { HttpErrorResponse } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ConversationDetail, Roles } from '@confidant/shared/api-interfaces';
import {
  AppointmentsPanel,
  ConversationThread,
  Conversations,
  FORMAT_TEXT,
  LockedConversationError,
} from '@confidant/web/conversation';
import { CentreStore, CHAT_SEGMENT, I18n, SessionStore, StaffRoutes } from '@confidant/web/core';
import { Icon, lockIcon } from '@confidant/web/ui';
import { WaitingMarker } from '../waiting/waiting-marker';
import { KeyChangeCard } from './key-change-card';
import { ManageCard } from './manage-card';
import { STAFF_CONVERSATION_TEXT } from './staff-conversation.text';

/**
 * One conversation as staff see it: topic, state and waiting time, the thread decrypted with the
 * team key, and what she may do. Only the client and her assigned counsellor write; an enquiry
 * nobody has taken over can be taken over here; her counsellor or a lead closes it or re-shares
 * the history after a key change; a lead assigns it to another counsellor. Every outcome is
 * announced in one status line near the top, which takes the focus.
 */
@Component({
  selector: 'cf-staff-conversation-page',
  imports: [
    RouterLink,
    MatButton,
    Icon,
    ConversationThread,
    AppointmentsPanel,
    WaitingMarker,
    KeyChangeCard,
    ManageCard,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      @if (detail(); as detail) {
        <h1>{{ titleOf(detail) }}</h1>
        <p class="facts">
          <span class="state" data-testid="conversation-state">{{
            format().states[detail.state]
          }}</span>
          @if (detail.clientWaitingSince; as since) {
            <cf-waiting-marker [since]="since" [responseDays]="responseDays()" />
          }
          <span data-testid="counsellor">{{ counsellorLine() }}</span>
          <span>{{ text().received(date(detail.createdAt)) }}</span>
        </p>
      } @else {
        <h1>{{ text().title }}</h1>
      }
      <p class="links">
        <a [routerLink]="['/', routes.home]">{{ text().back }}</a>
      </p>

      <p class="done" role="status" tabindex="-1" #statusLine data-testid="conversation-status">
        @if (done(); as done) {
          {{ done }}
        }
      </p>
      <div role="alert" class="error" data-testid="conversation-problem">
        @if (problem(); as problem) {
          {{ problem }}
        }
      </div>

      @if (locked()) {
        <section class="notice locked" data-testid="conversation-locked">
          <cf-icon [svg]="lockIcon" />
          <div>
            <h2>{{ text().lockedTitle }}</h2>
            <p>{{ text().lockedText }}</p>
          </div>
        </section>
      } @else if (notFound()) {
        <p class="notice" data-testid="conversation-not-found">{{ text().notFound }}</p>
      } @else if (failed()) {
        <p class="error" role="alert">
          {{ text().loadFailed }}
          <button mat-stroked-button type="button" (click)="reload()">{{ text().tryAgain }}</button>
        </p>
      } @else if (detail(); as detail) {
        @if (detail.clientKeyChanged) {
          <cf-key-change-card
            [detail]="detail"
            [canManage]="canManage()"
            (reshared)="afterAction(text().reshared)"
          />
        }
        @if (!detail.counsellorId && detail.state !== 'closed') {
          <section class="card" aria-labelledby="take-over-title">
            <h2 id="take-over-title">{{ text().unassigned }}</h2>
            <p>{{ text().takeOverText }}</p>
            <div class="actions">
              <button mat-flat-button type="button" [disabled]="busy()" (click)="takeOver()">
                {{ text().takeOver }}
              </button>
            </div>
          </section>
        }
        <h2>{{ text().threadTitle }}</h2>
        <cf-conversation-thread
          [detail]="detail"
          [conversationKey]="key()"
          [canWrite]="isAssigned()"
          audience="staff"
          (sent)="refresh()"
        />
        @if (!isAssigned() && detail.counsellorId) {
          <p class="read-only">{{ text().readOnly }}</p>
        }
        @if (isAssigned() && key()) {
          <cf-appointments-panel
            [conversationId]="detail.id"
            [conversationKey]="key()"
            audience="staff"
            [canManage]="detail.state !== 'closed'"
            [roomLink]="chatLink()"
          />
        }
        @if (canManage()) {
          <cf-manage-card [detail]="detail" [lead]="isLead()" (changed)="afterAction($event)" />
        }
      } @else {
        <p>{{ text().loading }}</p>
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .page {
      max-width: 720px;
    }

    h1 {
      overflow-wrap: anywhere;
    }

    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: baseline;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .state {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface);
    }

    .links {
      margin-top: 0;
    }

    .done:empty {
      margin: 0;
    }

    .locked {
      display: flex;
      gap: 8px;
      align-items: flex-start;
    }

    .locked h2 {
      margin-top: 8px;
    }

    .read-only {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class StaffConversationPage {
  private readonly api = inject(Conversations);
  private readonly session = inject(SessionStore);
  private readonly centre = inject(CentreStore);
  private readonly injector = inject(Injector);
  private readonly statusLine = viewChild.required<ElementRef<HTMLElement>>('statusLine');

  /** The route's `:id`. */
  readonly id = input.required<string>();

  protected readonly text = inject(I18n).select(STAFF_CONVERSATION_TEXT);
  protected readonly format = inject(I18n).select(FORMAT_TEXT);
  protected readonly routes = StaffRoutes;
  protected readonly lockIcon = lockIcon;
  protected readonly detail = signal<ConversationDetail | null>(null);
  protected readonly key = signal<CryptoKey | null>(null);
  protected readonly locked = signal(false);
  protected readonly notFound = signal(false);
  protected readonly failed = signal(false);
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly responseDays = computed(() => this.centre.centre()?.responseDays);
  private readonly me = computed(() => this.session.account()?.id ?? null);
  protected readonly isLead = computed(() => this.session.account()?.role === Roles.lead);
  /** Only the client and her assigned counsellor write. */
  protected readonly isAssigned = computed(
    () => this.me() !== null && this.detail()?.counsellorId === this.me(),
  );
  /** Her counsellor or a lead closes, re-shares and (lead) reassigns. */
  protected readonly canManage = computed(() => this.isAssigned() || this.isLead());
  protected readonly chatLink = computed(
    () => `/${StaffRoutes.conversation}/${encodeURIComponent(this.id())}/${CHAT_SEGMENT}`,
  );
  protected readonly counsellorLine = computed(() => {
    const detail = this.detail();
    const text = this.text();
    if (!detail?.counsellorId) {
      return text.unassigned;
    }
    if (this.isAssigned()) {
      return text.assignedToYou;
    }
    return text.counsellor(detail.counsellorName ?? '');
  });
  private readonly dateFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.text().dateLocale, { dateStyle: 'medium', timeStyle: 'short' }),
  );

  constructor() {
    this.centre.load();
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.detail.set(null);
        this.key.set(null);
        this.done.set(null);
        this.problem.set(null);
        void this.load(id);
      });
    });
  }

  protected titleOf(detail: ConversationDetail): string {
    return detail.topic ?? this.text().untitled(this.date(detail.createdAt));
  }

  protected date(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }

  protected reload(): Promise<void> {
    return this.load(this.id());
  }

  /** After she sent: the state (waiting for the client) changed. */
  protected async refresh(): Promise<void> {
    try {
      this.detail.set(await this.api.detail(this.id()));
    } catch {
      // The thread shows what she sent; the state line catches up on the next visit.
    }
  }

  /** Assigns the enquiry to her; when a colleague was faster she is told so. */
  protected async takeOver(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.done.set(null);
    this.problem.set(null);
    try {
      await this.api.assign(this.id());
      await this.afterAction(this.text().takenOver);
    } catch (error) {
      const taken =
        error instanceof HttpErrorResponse && (error.status === 409 || error.status === 404);
      this.problem.set(taken ? this.text().takenByColleague : this.text().takeOverFailed);
      await this.load(this.id());
      this.focusStatus();
    } finally {
      this.busy.set(false);
    }
  }

  /** Something she did succeeded: load the conversation again and say what happened. */
  protected async afterAction(message: string): Promise<void> {
    this.problem.set(null);
    await this.load(this.id());
    this.done.set(message);
    this.focusStatus();
  }

  private focusStatus(): void {
    afterNextRender(() => this.statusLine().nativeElement.focus(), { injector: this.injector });
  }

  private async load(id: string): Promise<void> {
    this.failed.set(false);
    this.notFound.set(false);
    let detail: ConversationDetail;
    try {
      detail = await this.api.detail(id);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) {
        // Without the team key no conversation is visible: say that rather than "not found".
        this.detail.set(null);
        this.locked.set(!this.session.hasTeamKey());
        this.notFound.set(true);
      } else {
        this.failed.set(true);
      }
      return;
    }
    try {
      this.key.set(await this.api.conversationKey(detail));
      this.locked.set(false);
    } catch (error) {
      this.key.set(null);
      if (error instanceof LockedConversationError) {
        this.locked.set(true);
      } else {
        this.failed.set(true);
        return;
      }
    }
    this.detail.set(detail);
  }
}
