import { HttpErrorResponse } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { WebRoutes } from '@confidant/shared/api-interfaces';
import {
  AccountRoutes,
  CentreStore,
  Failure,
  I18n,
  SessionStore,
  ShowsRecoveryCode,
  toFailure,
} from '@confidant/web/core';
import {
  focusFirstInvalid,
  FORMS_TEXT,
  NewPasswordFields,
  newPasswordGroup,
  normalizeUsername,
  PasswordStrength,
  readyToSend,
  RecoveryCodeStep,
  USERNAME_VALIDATORS,
} from '@confidant/web/core/forms';
import { REGISTER_TEXT } from './register.text';

/** What a submit is waiting for: the password check (still loading, or running), or the account. */
type Busy = 'checking' | 'making' | null;

/**
 * Registration: the browser makes every key, the server gets only what it may keep, and the
 * recovery code is shown once before she goes on to write her first enquiry. A submit made before the password
 * check has loaded waits for it (the check is never skipped), and the button says what it waits for.
 */
@Component({
  selector: 'cf-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormField,
    MatLabel,
    MatInput,
    MatHint,
    MatError,
    NewPasswordFields,
    RecoveryCodeStep,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './register-page.html',
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .consent {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      margin-top: 8px;
      font: var(--mat-sys-body-large);
      cursor: pointer;
    }

    .consent input {
      flex: none;
      width: 20px;
      height: 20px;
      margin: 2px 0 0;
      accent-color: var(--mat-sys-primary);
    }

    .spinner {
      display: inline-block;
      width: 16px;
      height: 16px;
      margin-right: 8px;
      vertical-align: -3px;
      border: 2px solid currentColor;
      border-right-color: transparent;
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }

    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation-duration: 2.4s;
      }
    }

    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `,
})
export class RegisterPage implements ShowsRecoveryCode {
  private readonly injector = inject(Injector);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly strength = inject(PasswordStrength);
  private readonly centre = inject(CentreStore);

  protected readonly text = inject(I18n).select(REGISTER_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly routes = { ...WebRoutes, ...AccountRoutes };
  protected readonly busy = signal<Busy>(null);
  protected readonly checkLoading = computed(() => this.strength.state() === 'loading');
  protected readonly failure = signal<Failure | null>(null);
  protected readonly recoveryCode = signal<string | null>(null);
  /** The server said 403: the centre has no lead (and no team key) yet. */
  private readonly refused = signal(false);
  /** Before the centre is set up nobody could read an enquiry, so the server takes no account. */
  protected readonly closed = computed(
    () => this.refused() || this.centre.centre()?.teamPublicKey === null,
  );
  private readonly recoveryStep = viewChild(RecoveryCodeStep);

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: USERNAME_VALIDATORS }),
    password: newPasswordGroup(),
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.email, Validators.maxLength(254)],
    }),
    consent: new FormControl(false, { nonNullable: true, validators: [Validators.requiredTrue] }),
  });

  private readonly username = toSignal(this.form.controls.username.valueChanges, {
    initialValue: '',
  });
  /** Her username must not make the password easy to guess. */
  protected readonly userInputs = computed(() => [this.username()]);

  constructor() {
    this.centre.load();
    // Fetch the key code in the background once the form is usable, so a submit need not wait.
    afterNextRender(() =>
      setTimeout(() => void import('../account/client-account').catch(() => null)),
    );
  }

  protected async register(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.failure.set(null);
    this.busy.set('checking');
    if (this.strength.state() === 'failed') {
      // The check could not load before: try once more rather than send an unchecked password.
      this.form.controls.password.controls.password.updateValueAndValidity();
    }
    if (!(await readyToSend(this.form))) {
      this.busy.set(null);
      // After the next render: a check that was pending has not yet marked its field invalid.
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    this.busy.set('making');
    try {
      const { username, password, email } = this.form.getRawValue();
      // The key code is only needed now: it stays out of what the page loads before it is usable.
      const { ClientAccount } = await import('../account/client-account');
      const code = await this.injector.get(ClientAccount).register({
        username: normalizeUsername(username),
        password: password.password,
        email: email.trim() || undefined,
      });
      this.form.reset();
      this.recoveryCode.set(code);
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>('#recovery-title')?.focus(),
      );
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 403) {
        this.refused.set(true);
      } else {
        this.failure.set(toFailure(error));
      }
    } finally {
      this.busy.set(null);
    }
  }

  mayLeave(): boolean | Promise<boolean> {
    return this.recoveryStep()?.askToLeave() ?? true;
  }

  /**
   * She kept the code: the server remembers it, so her account page does not remind her. She came
   * to write to the centre, so she goes on to a new enquiry.
   */
  protected async finish(): Promise<void> {
    // If this fails, her account page reminds her and offers a new code: nothing is lost.
    await this.session.confirmRecoveryCode().catch(() => undefined);
    this.recoveryCode.set(null);
    await this.router.navigateByUrl(`/${AccountRoutes.newEnquiry}`);
  }
}
