import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Failure, I18n, SessionStore, toFailure } from '@confidant/web/core';
import {
  focusFirstInvalid,
  FORMS_TEXT,
  readyToSend,
  RecoveryCodeStep,
} from '@confidant/web/core/forms';
import { ACCOUNT_TEXT } from './account.text';
import { ClientAccount } from './client-account';

@Component({
  selector: 'cf-recovery-section',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    RecoveryCodeStep,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="renew-title">
      <h2 id="renew-title">{{ text().recoveryTitle }}</h2>
      @if (code(); as code) {
        <cf-recovery-code-step
          [code]="code"
          [continueLabel]="text().recoveryContinue"
          (confirmed)="finish()"
        />
      } @else {
        <p>{{ text().recoveryIntro }}</p>
        <form [formGroup]="form" (ngSubmit)="renew()" novalidate>
          <input type="text" hidden autocomplete="username" [value]="username()" />
          <mat-form-field appearance="outline">
            <mat-label>{{ forms().currentPassword }}</mat-label>
            <input
              matInput
              type="password"
              autocomplete="current-password"
              formControlName="password"
            />
            @if (password.invalid) {
              <mat-error>{{ forms().passwordRequired }}</mat-error>
            }
          </mat-form-field>
          <div role="alert" class="error">
            @if (failure(); as failure) {
              {{ forms().failure(failure) }}
            }
          </div>
          <div role="status">
            @if (done()) {
              {{ text().recoveryDone }}
            }
          </div>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()">
              {{ text().recoverySubmit }}
            </button>
            @if (busy()) {
              <span>{{ forms().working }}</span>
            }
          </div>
        </form>
      }
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class RecoverySection {
  private readonly step = viewChild(RecoveryCodeStep);
  private readonly account = inject(ClientAccount);
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly text = inject(I18n).select(ACCOUNT_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly username = computed(() => this.session.account()?.username ?? '');
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly code = signal<string | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly password = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required],
  });
  protected readonly form = new FormGroup({ password: this.password });

  protected async renew(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.failure.set(null);
    this.done.set(false);
    if (!(await readyToSend(this.password))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      const code = await this.account.renewRecoveryCode(this.password.value);
      this.password.reset();
      this.code.set(code);
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>('#recovery-title')?.focus(),
      );
    } catch (error) {
      this.password.reset();
      this.failure.set(toFailure(error, 'session'));
    } finally {
      this.busy.set(false);
    }
  }

  /** While a new code is shown and not confirmed, leaving the page asks first. */
  mayLeave(): boolean | Promise<boolean> {
    return this.step()?.askToLeave() ?? true;
  }

  /** Brings her to the form that makes a new code (from the reminder at the top of the page). */
  start(): void {
    // The password field, or the new code's title while a code is shown.
    this.host.nativeElement
      .querySelector<HTMLElement>('input[type=password], #recovery-title')
      ?.focus();
  }

  /** She kept the new code: the server remembers it, and the reminder goes. */
  protected async finish(): Promise<void> {
    this.code.set(null);
    try {
      await this.session.confirmRecoveryCode();
      this.done.set(true);
    } catch (error) {
      this.failure.set(toFailure(error, 'session'));
    }
  }
}
