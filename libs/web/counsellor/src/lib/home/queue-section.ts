import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { ConversationSummary } from '@confidant/shared/api-interfaces';
import { Conversations } from '@confidant/web/conversation';
import { CentreStore, I18n } from '@confidant/web/core';
import { conversationLink } from '../conversation/conversation-link';
import { WaitingMarker } from '../waiting/waiting-marker';
import { byAge } from './conversation-listing';
import { STAFF_HOME_TEXT } from './staff-home.text';

/**
 * The team queue: enquiries nobody has taken over, oldest first. "Take over" assigns one to her and
 * opens it. When a colleague was faster (409, or 404 once it is hers) she is told so plainly and
 * the queue is fetched again.
 */
@Component({
  selector: 'cf-queue-section',
  imports: [RouterLink, MatButton, WaitingMarker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title" tabindex="-1" #heading>{{ text().queueTitle }}</h2>
      <p class="intro">{{ text().queueIntro }}</p>
      <div role="alert" class="error" data-testid="queue-message">
        @if (problem(); as problem) {
          {{ problem }}
        }
      </div>
      @if (failed()) {
        <p class="error" role="alert">
          {{ text().loadFailed }}
          <button mat-stroked-button type="button" (click)="load()">{{ text().tryAgain }}</button>
        </p>
      } @else if (queue(); as queue) {
        @if (queue.length === 0) {
          <p data-testid="queue-empty">{{ text().queueEmpty }}</p>
        } @else {
          <ul class="conversations" aria-labelledby="queue-title">
            @for (enquiry of queue; track enquiry.id) {
              <li [attr.data-conversation]="enquiry.id">
                <h3 [id]="'queue-' + enquiry.id">
                  <a [routerLink]="linkTo(enquiry.id)">{{ titleOf(enquiry) }}</a>
                </h3>
                <p class="facts">
                  <cf-waiting-marker
                    [since]="enquiry.clientWaitingSince ?? enquiry.createdAt"
                    [responseDays]="responseDays()"
                  />
                  <span>{{ text().received(date(enquiry.createdAt)) }}</span>
                </p>
                <div class="actions">
                  <button
                    mat-flat-button
                    type="button"
                    [disabled]="busy()"
                    [attr.aria-describedby]="'queue-' + enquiry.id"
                    (click)="takeOver(enquiry)"
                  >
                    {{ text().takeOver }}
                  </button>
                </div>
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
})
export class QueueSection implements OnInit {
  private readonly api = inject(Conversations);
  private readonly router = inject(Router);
  private readonly centre = inject(CentreStore).centre;
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly text = inject(I18n).select(STAFF_HOME_TEXT);
  protected readonly linkTo = conversationLink;
  protected readonly queue = signal<ConversationSummary[] | null>(null);
  protected readonly failed = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly responseDays = computed(() => this.centre()?.responseDays);
  private readonly dateFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.text().dateLocale, { dateStyle: 'medium', timeStyle: 'short' }),
  );

  ngOnInit(): void {
    void this.load();
  }

  /** Fetches the queue again; never throws (a failure shows with a retry). */
  async load(): Promise<void> {
    try {
      const queue = await this.api.queue();
      this.queue.set([...queue].sort(byAge));
      this.failed.set(false);
    } catch {
      this.failed.set(true);
    }
  }

  protected titleOf(enquiry: ConversationSummary): string {
    return enquiry.topic ?? this.text().untitled(this.date(enquiry.createdAt));
  }

  protected date(iso: string): string {
    return this.dateFormat().format(new Date(iso));
  }

  /** Assigns the enquiry to her (no counsellor id: herself) and opens it. */
  protected async takeOver(enquiry: ConversationSummary): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.assign(enquiry.id);
    } catch (error) {
      const taken =
        error instanceof HttpErrorResponse && (error.status === 409 || error.status === 404);
      this.problem.set(taken ? this.text().takenByColleague : this.text().takeOverFailed);
      await this.load();
      // Her button may be gone with the enquiry: keep her place at the top of the queue.
      this.heading().nativeElement.focus();
      return;
    } finally {
      this.busy.set(false);
    }
    await this.router.navigate(conversationLink(enquiry.id));
  }
}
