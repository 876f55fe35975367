import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { AccountRoutes, I18n, ShowsRecoveryCode, toFailure } from '@confidant/web/core';
import {
  focusFirstInvalid,
  FORMS_TEXT,
  NewPasswordFields,
  newPasswordGroup,
  readyToSend,
  RecoveryCodeStep,
} from '@confidant/web/core/forms';
import { ClientAccount } from '../account/client-account';
import { RESET_TEXT } from './reset.text';

/** base64url of 32 bytes, as the server makes reset tokens. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * The page a reset link opens (`/passwort-neu#<token>`). The token is taken from the fragment,
 * which never reaches a server log; the address bar shows
 * only the neutral start from the moment the app has read the link.
 */
@Component({
  selector: 'cf-reset-link-page',
  imports: [ReactiveFormsModule, RouterLink, MatButton, NewPasswordFields, RecoveryCodeStep],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      @if (step() === 'done') {
        <h1 tabindex="-1">{{ text().linkDoneTitle }}</h1>
        @for (paragraph of text().linkDone; track $index) {
          <p>{{ paragraph }}</p>
        }
        <div class="actions">
          <a mat-flat-button [routerLink]="['/', routes.login]">{{ text().toLogin }}</a>
        </div>
      } @else if (newCode(); as code) {
        <h1 tabindex="-1">{{ text().linkDoneTitle }}</h1>
        <cf-recovery-code-step [code]="code" (confirmed)="finish()" />
      } @else {
        <h1>{{ text().linkTitle }}</h1>
        @if (!token) {
          <p class="error" role="alert">{{ text().linkMissing }}</p>
          <p class="links">
            <a [routerLink]="['/', routes.forgotPassword]">{{ text().forgot }}</a>
          </p>
        } @else {
          <p>{{ text().linkIntro }}</p>
          @for (paragraph of text().linkWarning; track $index) {
            <p class="notice">{{ paragraph }}</p>
          }
          <form [formGroup]="form" (ngSubmit)="reset()" novalidate>
            <cf-new-password id="reset-password" [group]="form.controls.password" />
            <div role="alert" class="error">
              @if (error(); as error) {
                {{ error }}
              }
            </div>
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="busy()">
                {{ text().linkSubmit }}
              </button>
              @if (busy()) {
                <span role="status">{{ forms().working }}</span>
              }
            </div>
          </form>
          <p class="links">
            <a [routerLink]="['/', routes.forgotPassword]">{{ text().forgot }}</a>
          </p>
        }
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class ResetLinkPage implements ShowsRecoveryCode {
  private readonly account = inject(ClientAccount);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly routes = AccountRoutes;
  protected readonly text = inject(I18n).select(RESET_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly newCode = signal<string | null>(null);
  private readonly recoveryStep = viewChild(RecoveryCodeStep);
  protected readonly step = signal<'form' | 'done'>('form');
  protected readonly form = new FormGroup({ password: newPasswordGroup() });
  protected readonly token: string | null;

  constructor() {
    // The router read the link once when the app started and the address bar already shows the
    // neutral start (NeutralLocationStrategy): the token lives in the router's memory only.
    const fragment = inject(ActivatedRoute).snapshot.fragment ?? '';
    this.token = TOKEN_PATTERN.test(fragment) ? fragment : null;
  }

  protected async reset(): Promise<void> {
    if (this.busy() || !this.token) {
      return;
    }
    this.error.set(null);
    if (!(await readyToSend(this.form))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      const code = await this.account.resetWithLink(
        this.token,
        this.form.controls.password.controls.password.value,
      );
      this.form.reset();
      this.newCode.set(code);
      setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>('h1')?.focus());
    } catch (error) {
      const failure = toFailure(error);
      this.error.set(
        failure.kind === 'invalid' ? this.text().linkInvalid : this.forms().failure(failure),
      );
    } finally {
      this.busy.set(false);
    }
  }

  mayLeave(): boolean | Promise<boolean> {
    return this.recoveryStep()?.askToLeave() ?? true;
  }

  /**
   * She kept the code. No session exists after a reset, so the server cannot be told: her account
   * page asks her once more after she logged in.
   */
  protected finish(): void {
    this.newCode.set(null);
    this.step.set('done');
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>('h1')?.focus());
  }
}
