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
import { focusFirstInvalid, FORMS_TEXT, readyToSend } from '@confidant/web/core/forms';
import { ACCOUNT_TEXT } from './account.text';
import { ClientAccount } from './client-account';

@Component({
  selector: 'cf-email-section',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="email-title">
      <h2 id="email-title">{{ text().emailTitle }}</h2>
      <p class="state" data-testid="email-state">
        {{ hasEmail() ? text().emailSet(maskedEmail()) : text().emailNone }}
      </p>
      <p>{{ text().emailWhy }}</p>
      <form [formGroup]="form" (ngSubmit)="saveEmail()" novalidate>
        <input type="text" hidden autocomplete="username" [value]="username()" />
        <mat-form-field appearance="outline">
          <mat-label>{{ text().email }}</mat-label>
          <input matInput type="email" autocomplete="off" formControlName="email" />
          @if (form.controls.email.hasError('required')) {
            <mat-error>{{ text().emailRequired }}</mat-error>
          } @else if (form.controls.email.invalid) {
            <mat-error>{{ text().emailInvalid }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ forms().currentPassword }}</mat-label>
          <input
            matInput
            type="password"
            autocomplete="current-password"
            formControlName="password"
          />
          @if (form.controls.password.invalid) {
            <mat-error>{{ forms().passwordRequired }}</mat-error>
          }
        </mat-form-field>
        <div role="alert" class="error">
          @if (failure(); as failure) {
            {{ forms().failure(failure) }}
          }
        </div>
        <div role="status">
          @if (done(); as done) {
            {{ done === 'saved' ? text().emailSaved : text().emailRemoved }}
          }
        </div>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ hasEmail() ? text().emailChange : text().emailSave }}
          </button>
          @if (hasEmail()) {
            <button mat-stroked-button type="button" [disabled]="busy()" (click)="removeEmail()">
              {{ text().emailRemove }}
            </button>
          }
          @if (busy()) {
            <span>{{ forms().working }}</span>
          }
        </div>
      </form>
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class EmailSection {
  private readonly account = inject(ClientAccount);
  private readonly session = inject(SessionStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly text = inject(I18n).select(ACCOUNT_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly username = computed(() => this.session.account()?.username ?? '');
  protected readonly hasEmail = computed(() => this.session.account()?.hasEmail ?? false);
  protected readonly maskedEmail = computed(() => this.session.account()?.maskedEmail ?? '***');
  protected readonly busy = signal(false);
  protected readonly done = signal<'saved' | 'removed' | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(254)],
    }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected async saveEmail(): Promise<void> {
    if (!(await this.start(this.form))) {
      return;
    }
    const { email, password } = this.form.getRawValue();
    await this.run(() => this.account.setEmail(password, email.trim()), 'saved');
  }

  protected async removeEmail(): Promise<void> {
    if (!(await this.start(this.form.controls.password))) {
      return;
    }
    await this.run(() => this.account.removeEmail(this.form.controls.password.value), 'removed');
  }

  private async start(control: FormGroup | FormControl): Promise<boolean> {
    if (this.busy()) {
      return false;
    }
    this.failure.set(null);
    this.done.set(null);
    if (!(await readyToSend(control))) {
      focusFirstInvalid(this.host.nativeElement);
      return false;
    }
    return true;
  }

  /** Resetting through the directive also forgets the submit, so no field turns red afterwards. */
  private readonly formDirective = viewChild.required(FormGroupDirective);

  private async run(operation: () => Promise<void>, result: 'saved' | 'removed'): Promise<void> {
    this.busy.set(true);
    try {
      await operation();
      this.formDirective().resetForm();
      this.done.set(result);
    } catch (error) {
      this.form.controls.password.reset();
      this.failure.set(toFailure(error, 'session'));
    } finally {
      this.busy.set(false);
    }
  }
}
