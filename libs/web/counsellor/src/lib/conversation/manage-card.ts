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
  OnInit,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ConversationDetail, CounsellorSummary, Roles } from '@confidant/shared/api-interfaces';
import { Conversations } from '@confidant/web/conversation';
import { I18n, SessionStore } from '@confidant/web/core';
import { TeamAdmin } from '../team/team-admin';
import { STAFF_CONVERSATION_TEXT } from './staff-conversation.text';

/**
 * Closing the counselling (her counsellor or a lead, after a confirmation step on the page) and,
 * for a lead, assigning it to another counsellor who is active and holds the team key. What
 * succeeded is reported to the page, which loads the conversation again and says so.
 */
@Component({
  selector: 'cf-manage-card',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatHint, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{{ text().manageTitle }}</h2>
      <div role="alert" class="error">
        @if (problem(); as problem) {
          {{ problem }}
        }
      </div>
      @if (detail().state !== 'closed') {
        @if (confirming()) {
          <div class="confirm" role="group" aria-labelledby="close-question">
            <p id="close-question" tabindex="-1" #question>{{ text().closeQuestion }}</p>
            <div class="actions">
              <button
                mat-flat-button
                type="button"
                [disabled]="busy()"
                (click)="closeConversation()"
              >
                {{ text().closeConfirm }}
              </button>
              <button mat-button type="button" (click)="cancelClose()">
                {{ text().cancel }}
              </button>
            </div>
          </div>
        } @else {
          <div class="actions">
            <button
              #closeButton
              mat-stroked-button
              type="button"
              [disabled]="busy()"
              (click)="askToClose()"
            >
              {{ text().close }}
            </button>
          </div>
        }
      }
      @if (lead()) {
        <form [formGroup]="form" (ngSubmit)="assign()" novalidate>
          @if (candidates(); as candidates) {
            @if (candidates.length === 0) {
              <p>{{ text().noCounsellors }}</p>
            } @else {
              <mat-form-field appearance="outline">
                <mat-label>{{ text().assignLabel }}</mat-label>
                <select matNativeControl formControlName="counsellor" data-testid="assign-select">
                  @if (!detail().counsellorId) {
                    <option value="" disabled>{{ text().unassigned }}</option>
                  }
                  @for (candidate of candidates; track candidate.id) {
                    <option [value]="candidate.id">{{ nameOf(candidate) }}</option>
                  }
                </select>
                <mat-hint>{{ text().assignHint }}</mat-hint>
              </mat-form-field>
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="busy()">
                  {{ text().assignSubmit }}
                </button>
              </div>
            }
          } @else if (staffFailed()) {
            <p class="error">{{ text().counsellorsFailed }}</p>
          }
        </form>
      }
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .confirm p {
      font-weight: 500;
    }
  `,
})
export class ManageCard implements OnInit {
  private readonly api = inject(Conversations);
  private readonly admin = inject(TeamAdmin);
  private readonly session = inject(SessionStore);
  private readonly injector = inject(Injector);
  private readonly question = viewChild<ElementRef<HTMLElement>>('question');
  private readonly closeButton = viewChild<unknown, ElementRef<HTMLElement>>('closeButton', {
    read: ElementRef,
  });

  readonly detail = input.required<ConversationDetail>();
  /** A lead may also assign it to another counsellor. */
  readonly lead = input(false);
  /** Something changed; the message says what, for the page to announce. */
  readonly changed = output<string>();

  protected readonly text = inject(I18n).select(STAFF_CONVERSATION_TEXT);
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly staffFailed = signal(false);
  private readonly staff = signal<CounsellorSummary[] | null>(null);
  /** Who can take conversations: active, holding the team key. */
  protected readonly candidates = computed(
    () =>
      this.staff()?.filter(
        (member) => member.active && member.hasTeamKey && member.role !== Roles.client,
      ) ?? null,
  );
  protected readonly form = new FormGroup({
    counsellor: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const current = this.detail().counsellorId ?? '';
      untracked(() => this.form.controls.counsellor.setValue(current));
    });
  }

  ngOnInit(): void {
    if (this.lead()) {
      this.admin.staff().then(
        (staff) => this.staff.set(staff),
        () => this.staffFailed.set(true),
      );
    }
  }

  protected nameOf(member: CounsellorSummary): string {
    const name = member.displayName || member.username;
    return member.id === this.session.account()?.id ? `${name} ${this.text().you}` : name;
  }

  protected askToClose(): void {
    this.problem.set(null);
    this.confirming.set(true);
    afterNextRender(() => this.question()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelClose(): void {
    this.confirming.set(false);
    afterNextRender(() => this.closeButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async closeConversation(): Promise<void> {
    await this.run(async () => {
      await this.api.close(this.detail().id);
      this.confirming.set(false);
      return this.text().closed;
    }, this.text().closeFailed);
  }

  protected async assign(): Promise<void> {
    const target = this.candidates()?.find(
      (member) => member.id === this.form.controls.counsellor.value,
    );
    if (!target) {
      return;
    }
    await this.run(async () => {
      await this.api.assign(this.detail().id, target.id);
      return this.text().assigned(this.nameOf(target));
    }, this.text().assignFailed);
  }

  private async run(action: () => Promise<string>, failure: string): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.changed.emit(await action());
    } catch {
      this.problem.set(failure);
    } finally {
      this.busy.set(false);
    }
  }
}
