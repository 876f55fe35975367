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
import { focusFirstInvalid, FORMS_TEXT, readyToSend } from '@confidant/web/core/forms';
import { LOGIN_TEXT } from './login.text';

/** After a reload the session lives on but the keys are gone: her password opens them again. */
@Component({
  selector: 'cf-unlock-page',
  imports: [ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatInput, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().unlockTitle }}</h1>
      <p>{{ text().unlockIntro(username()) }}</p>
      <form [formGroup]="form" (ngSubmit)="unlock()" novalidate>
        <input type="text" hidden autocomplete="username" [value]="username()" />
        <mat-form-field appearance="outline">
          <mat-label>{{ forms().password }}</mat-label>
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
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ text().unlockSubmit }}
          </button>
          @if (busy()) {
            <span role="status">{{ forms().working }}</span>
          }
        </div>
      </form>
      <p class="links">
        <a [routerLink]="['/', routes.forgotPassword]">{{ text().forgot }}</a>
        <span
          >{{ text().notYou }}
          <button mat-button type="button" (click)="logout()">{{ text().logout }}</button></span
        >
      </p>
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class UnlockPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly routes = AccountRoutes;
  protected readonly text = inject(I18n).select(LOGIN_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly username = computed(() => this.session.account()?.username ?? '');
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly password = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required],
  });
  protected readonly form = new FormGroup({ password: this.password });

  protected async unlock(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.failure.set(null);
    if (!(await readyToSend(this.password))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      await this.session.unlock(this.password.value);
      this.password.reset();
      await this.router.navigateByUrl(homeFor(this.session.account()?.role));
    } catch (error) {
      this.password.reset();
      this.failure.set(toFailure(error, 'session'));
    } finally {
      this.busy.set(false);
    }
  }

  protected logout(): Promise<void> {
    return this.session.logout();
  }
}
