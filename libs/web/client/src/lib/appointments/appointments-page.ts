import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { MatAnchor, MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { AppointmentResponse, ChatEvents } from '@confidant/shared/api-interfaces';
import {
  APPOINTMENTS_TEXT,
  Appointments,
  ChatConnection,
  formatAppointment,
} from '@confidant/web/conversation';
import { AccountRoutes, Catalog, CHAT_SEGMENT, I18n } from '@confidant/web/core';

interface PageText {
  title: string;
  intro: string;
  none: string;
  toConversation: string;
  loadFailed: string;
  tryAgain: string;
}

const PAGE_TEXT: Catalog<PageText> = {
  de: {
    title: 'Ihre Termine',
    intro:
      'Hier stehen die Chat-Termine, die Ihre Beraterin vorgeschlagen hat. Einen Vorschlag nehmen Sie hier an oder lehnen ihn ab; absagen können Sie in der jeweiligen Beratung.',
    none: 'Sie haben keine Chat-Termine.',
    toConversation: 'Zur Beratung',
    loadFailed: 'Die Termine konnten nicht geladen werden.',
    tryAgain: 'Erneut versuchen',
  },
  en: {
    title: 'Your appointments',
    intro:
      'Here are the chat appointments your counsellor proposed. You accept or decline a proposal here; you cancel in the counselling it belongs to.',
    none: 'You have no chat appointments.',
    toConversation: 'Go to the counselling',
    loadFailed: 'The appointments could not be loaded.',
    tryAgain: 'Try again',
  },
};

/** Her chat appointments across her conversations, earliest first; live when a room opens. */
@Component({
  selector: 'cf-appointments-page',
  imports: [RouterLink, MatAnchor, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().title }}</h1>
      <p>{{ text().intro }}</p>
      <p role="status">{{ done() }}</p>
      <p role="alert" class="error">{{ problem() }}</p>
      @if (failed()) {
        <p class="error" role="alert">
          {{ text().loadFailed }}
          <button mat-stroked-button type="button" (click)="load()">{{ text().tryAgain }}</button>
        </p>
      } @else if (list(); as list) {
        @if (list.length === 0) {
          <p>{{ text().none }}</p>
        } @else {
          <ul class="appointments">
            @for (appointment of list; track appointment.id) {
              <li class="card" data-testid="appointment">
                <p class="when">{{ when(appointment) }}</p>
                <p class="state">
                  {{
                    appointment.room === 'ended'
                      ? panel().ended
                      : panel().status[appointment.status]
                  }}
                </p>
                @if (appointment.status === 'proposed') {
                  <div class="actions">
                    <button
                      mat-flat-button
                      type="button"
                      [disabled]="busy()"
                      (click)="respond(appointment, 'accept')"
                    >
                      {{ panel().accept }}
                    </button>
                    <button
                      mat-stroked-button
                      type="button"
                      [disabled]="busy()"
                      (click)="respond(appointment, 'decline')"
                    >
                      {{ panel().decline }}
                    </button>
                  </div>
                }
                @if (appointment.status === 'accepted' && appointment.room === 'open') {
                  <p class="waiting">{{ panel().waitingInRoom }}</p>
                  <div class="actions">
                    <a mat-flat-button [routerLink]="chatLink(appointment)">{{
                      panel().enterRoom
                    }}</a>
                  </div>
                }
                <a [routerLink]="['/', routes.inbox, appointment.conversationId]">{{
                  text().toConversation
                }}</a>
              </li>
            }
          </ul>
        }
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .appointments {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }

    .when {
      font-weight: 600;
      margin-bottom: 0;
    }

    .state {
      font: var(--mat-sys-label-large);
    }

    .waiting {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border-radius: var(--mat-sys-corner-small);
      padding: 8px 12px;
      font-weight: 600;
    }
  `,
})
export class AppointmentsPage implements OnInit {
  private readonly appointments = inject(Appointments);
  private readonly i18n = inject(I18n);

  protected readonly text = this.i18n.select(PAGE_TEXT);
  protected readonly panel = this.i18n.select(APPOINTMENTS_TEXT);
  protected readonly routes = AccountRoutes;
  protected readonly list = signal<AppointmentResponse[] | null>(null);
  protected readonly failed = signal(false);
  protected readonly busy = signal(false);
  protected readonly done = signal('');
  protected readonly problem = signal('');
  protected readonly language = computed(() => this.i18n.language());

  private readonly connection = inject(ChatConnection);
  private watched: string[] = [];

  constructor() {
    // A room that opens, or a changed date, shows up without a reload.
    const stop = this.connection.listen({
      appointment: (changed) =>
        this.list.update((list) =>
          list?.some((a) => a.id === changed.id)
            ? list.map((a) => (a.id === changed.id ? changed : a))
            : list,
        ),
    });
    inject(DestroyRef).onDestroy(() => {
      stop();
      this.watched.forEach(
        (conversationId) => void this.connection.notify(ChatEvents.unwatch, { conversationId }),
      );
    });
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.failed.set(false);
    try {
      const list = await this.appointments.mine();
      this.list.set(list);
      const conversations = [...new Set(list.map((a) => a.conversationId))];
      const fresh = conversations.filter((id) => !this.watched.includes(id));
      this.watched.push(...fresh);
      fresh.forEach(
        (conversationId) => void this.connection.emit(ChatEvents.watch, { conversationId }),
      );
    } catch {
      this.failed.set(true);
    }
  }

  /**
   * Accepts or declines a proposed date. Accepting one date of a proposal settles its other dates
   * too, so the whole list is read again afterwards; a date that changed meanwhile (409) says so.
   */
  protected async respond(
    appointment: AppointmentResponse,
    action: 'accept' | 'decline',
  ): Promise<void> {
    this.busy.set(true);
    this.done.set('');
    this.problem.set('');
    try {
      await this.appointments[action](appointment.id);
      this.done.set(action === 'accept' ? this.panel().accepted : this.panel().declined);
    } catch (error) {
      this.problem.set(
        error instanceof HttpErrorResponse && error.status === 409
          ? this.panel().conflict
          : this.panel().failed,
      );
    } finally {
      this.busy.set(false);
    }
    await this.load();
  }

  protected when(appointment: AppointmentResponse): string {
    return formatAppointment(appointment, this.language());
  }

  protected chatLink(appointment: AppointmentResponse): string {
    return `/${AccountRoutes.inbox}/${encodeURIComponent(appointment.conversationId)}/${CHAT_SEGMENT}`;
  }
}
