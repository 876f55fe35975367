import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Failure, I18n, SessionStore, toFailure } from '@confidant/web/core';
import {
  focusFirstInvalid,
  FORMS_TEXT,
  NewPasswordFields,
  newPasswordGroup,
  readyToSend,
} from '@confidant/web/core/forms';
import { ACCOUNT_TEXT } from './account.text';
import { ClientAccount } from './client-account';

@Component({
  selector: 'cf-password-section',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    NewPasswordFields,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">{{ text().passwordTitle }}</h2>
      <p>{{ text().passwordIntro }}</p>
      <form [formGroup]="form" (ngSubmit)="changePassword()" novalidate>
        <input type="text" hidden autocomplete="username" [value]="username()" />
        <mat-form-field appearance="outline">
          <mat-label>{{ forms().currentPassword }}</mat-label>
          <input
            matInput
            type="password"
            autocomplete="current-password"
            formControlName="current"
          />
          @if (form.controls.current.invalid) {
            <mat-error>{{ forms().passwordRequired }}</mat-error>
          }
        </mat-form-field>
        <cf-new-password
          id="change-password"
          [group]="form.controls.next"
          [userInputs]="[username()]"
        />
        <div role="alert" class="error">
          @if (failure(); as failure) {
            {{ forms().failure(failure) }}
          }
        </div>
        <div role="status" class="done">
          @if (done()) {
            {{ text().passwordDone }}
          }
        </div>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ text().passwordSubmit }}
          </button>
          @if (busy()) {
            <span>{{ forms().working }}</span>
          }
        </div>
      </form>
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class PasswordSection {
  private readonly account = inject(ClientAccount);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly session = inject(SessionStore);

  protected readonly text = inject(I18n).select(ACCOUNT_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly username = computed(() => this.session.account()?.username ?? '');
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly form = new FormGroup({
    current: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    next: newPasswordGroup(),
  });
  /** Resetting through the directive also forgets the submit, so no field turns red afterwards. */
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected async changePassword(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.failure.set(null);
    this.done.set(false);
    if (!(await readyToSend(this.form))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      const { current, next } = this.form.getRawValue();
      await this.account.changePassword(current, next.password);
      this.formDirective().resetForm();
      this.done.set(true);
    } catch (error) {
      this.form.controls.current.reset();
      this.failure.set(toFailure(error, 'session'));
    } finally {
      this.busy.set(false);
    }
  }
}
