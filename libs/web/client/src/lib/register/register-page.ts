import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { WebRoutes } from '@confidant/shared/api-interfaces';
import { AccountRoutes, Failure, I18n, toFailure } from '@confidant/web/core';
import {
  focusFirstInvalid,
  FORMS_TEXT,
  NewPasswordFields,
  newPasswordGroup,
  normalizeUsername,
  readyToSend,
  RecoveryCodeStep,
  USERNAME_VALIDATORS,
} from '@confidant/web/core/forms';
import { ClientAccount } from '../account/client-account';
import { REGISTER_TEXT } from './register.text';

/**
 * Registration: the browser makes every key, the server gets only what it may keep, and the
 * recovery code is shown once before she goes on to her account.
 */
@Component({
  selector: 'cf-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatCheckbox,
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
})
export class RegisterPage {
  private readonly account = inject(ClientAccount);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly text = inject(I18n).select(REGISTER_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly routes = { ...WebRoutes, ...AccountRoutes };
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly recoveryCode = signal<string | null>(null);

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

  protected async register(): Promise<void> {
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
      const { username, password, email } = this.form.getRawValue();
      const code = await this.account.register({
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
      this.failure.set(toFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async finish(): Promise<void> {
    this.recoveryCode.set(null);
    await this.router.navigateByUrl(`/${AccountRoutes.account}`);
  }
}
