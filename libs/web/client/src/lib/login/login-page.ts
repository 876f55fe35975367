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
import { Router, RouterLink } from '@angular/router';
import {
  AccountRoutes,
  homeFor,
  Failure,
  I18n,
  SessionStore,
  toFailure,
} from '@confidant/web/core';
import {
  focusFirstInvalid,
  FORMS_TEXT,
  normalizeUsername,
  readyToSend,
  USERNAME_VALIDATORS,
} from '@confidant/web/core/forms';
import { LOGIN_TEXT } from './login.text';

/** Login: prelogin, key derivation in the browser, login with the derived key, unwrapping. */
@Component({
  selector: 'cf-login-page',
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().title }}</h1>
      @if (notice(); as notice) {
        <p class="notice" role="status">{{ notice }}</p>
      }
      <p>{{ text().intro }}</p>
      <form [formGroup]="form" (ngSubmit)="login()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ forms().username }}</mat-label>
          <input
            matInput
            formControlName="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
          />
          @if (form.controls.username.hasError('required')) {
            <mat-error>{{ forms().usernameRequired }}</mat-error>
          } @else if (form.controls.username.invalid) {
            <mat-error>{{ forms().usernameFormat }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ forms().password }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
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
          <button mat-flat-button type="submit" [disabled]="busy()">{{ text().submit }}</button>
          @if (busy()) {
            <span role="status">{{ forms().working }}</span>
          }
        </div>
      </form>
      <p class="links">
        <a [routerLink]="['/', routes.forgotPassword]">{{ text().forgot }}</a>
        <span
          >{{ text().noAccount }}
          <a [routerLink]="['/', routes.register]">{{ text().register }}</a></span
        >
      </p>
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly routes = AccountRoutes;
  protected readonly text = inject(I18n).select(LOGIN_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = computed(() => {
    const notice = this.session.notice();
    return notice === 'ended' ? this.text().ended : notice === 'idle' ? this.text().idle : null;
  });

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: USERNAME_VALIDATORS }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected async login(): Promise<void> {
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
      const { username, password } = this.form.getRawValue();
      await this.session.login(normalizeUsername(username), password);
      this.form.reset();
      await this.router.navigateByUrl(homeFor(this.session.account()?.role));
    } catch (error) {
      // She keeps her username and types the password again; the message says what went wrong,
      // so no field is flagged red (resetForm also forgets the submit).
      this.formDirective().resetForm({ username: this.form.controls.username.value, password: '' });
      this.failure.set(toFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
