import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router } from '@angular/router';
import { AccountRoutes, Failure, I18n, SessionStore, toFailure } from '@confidant/web/core';
import { focusFirstInvalid, FORMS_TEXT, readyToSend } from '@confidant/web/core/forms';
import { ACCOUNT_TEXT } from './account.text';
import { ClientAccount } from './client-account';

@Component({
  selector: 'cf-delete-section',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card danger" aria-labelledby="delete-title">
      <h2 id="delete-title">{{ text().deleteTitle }}</h2>
      @for (paragraph of text().deleteIntro; track $index) {
        <p>{{ paragraph }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="deleteAccount()" novalidate>
        <input type="text" hidden autocomplete="username" [value]="username()" />
        <mat-checkbox formControlName="confirm">{{ text().deleteConfirm }}</mat-checkbox>
        @if (form.controls.confirm.touched && form.controls.confirm.invalid) {
          <p class="error">{{ text().deleteConfirmRequired }}</p>
        }
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
        <div class="actions">
          <button mat-flat-button class="delete" type="submit" [disabled]="busy()">
            {{ text().deleteSubmit }}
          </button>
          @if (busy()) {
            <span>{{ forms().working }}</span>
          }
        </div>
      </form>
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .delete {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class DeleteSection {
  private readonly account = inject(ClientAccount);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly text = inject(I18n).select(ACCOUNT_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly username = computed(() => this.session.account()?.username ?? '');
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly form = new FormGroup({
    confirm: new FormControl(false, { nonNullable: true, validators: [Validators.requiredTrue] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected async deleteAccount(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.failure.set(null);
    if (!(await readyToSend(this.form))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      await this.account.deleteAccount(this.form.controls.password.value);
      this.form.reset();
      await this.router.navigateByUrl(`/${AccountRoutes.loggedOut}`);
    } catch (error) {
      this.form.controls.password.reset();
      this.failure.set(toFailure(error, 'session'));
    } finally {
      this.busy.set(false);
    }
  }
}
