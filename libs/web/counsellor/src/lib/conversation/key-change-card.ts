import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { ConversationDetail } from '@confidant/shared/api-interfaces';
import { Conversations } from '@confidant/web/conversation';
import { I18n } from '@confidant/web/core';
import { STAFF_CONVERSATION_TEXT } from './staff-conversation.text';

/**
 * After the client reset her password by e-mail her account has a new key, and whoever reads her
 * e-mail could have done that. Her counsellor (or a lead) re-shares the history only after making
 * sure it is really her, and says so with the checkbox; the key is re-sealed in this browser.
 */
@Component({
  selector: 'cf-key-change-card',
  imports: [MatButton, MatCheckbox],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card warning" aria-labelledby="key-change-title" data-testid="key-change">
      <h2 id="key-change-title">{{ text().keyChangedTitle }}</h2>
      @for (paragraph of text().keyChangedText; track $index) {
        <p>{{ paragraph }}</p>
      }
      @if (canManage()) {
        <mat-checkbox [checked]="confirmed()" (change)="confirm($event.checked)">{{
          text().reshareConfirm
        }}</mat-checkbox>
        <div role="alert" class="error">
          @if (problem(); as problem) {
            {{ problem }}
          }
        </div>
        <div class="actions">
          <button mat-flat-button type="button" [disabled]="busy()" (click)="reshare()">
            {{ text().reshare }}
          </button>
        </div>
      } @else {
        <p>{{ text().reshareByCounsellor }}</p>
      }
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .warning {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }

    .warning .error {
      color: inherit;
      font-weight: 500;
    }
  `,
})
export class KeyChangeCard {
  private readonly api = inject(Conversations);
  private readonly checkbox = viewChild(MatCheckbox);

  readonly detail = input.required<ConversationDetail>();
  /** Her counsellor or a lead: the two who may re-share. */
  readonly canManage = input(false);
  /** The key is re-shared: the page loads the conversation again. */
  readonly reshared = output<void>();

  protected readonly text = inject(I18n).select(STAFF_CONVERSATION_TEXT);
  protected readonly confirmed = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected confirm(checked: boolean): void {
    this.confirmed.set(checked);
    if (checked) {
      this.problem.set(null);
    }
  }

  protected async reshare(): Promise<void> {
    if (this.busy()) {
      return;
    }
    if (!this.confirmed()) {
      this.problem.set(this.text().reshareConfirmRequired);
      this.checkbox()?.focus();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.reshare(this.detail());
      this.reshared.emit();
    } catch {
      this.problem.set(this.text().reshareFailed);
    } finally {
      this.busy.set(false);
    }
  }
}
