import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { RecoveryCodeError } from '@confidant/shared/crypto';
import {
  AccountRoutes,
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
  readyToSend,
  RecoveryCodeStep,
  USERNAME_VALIDATORS,
} from '@confidant/web/core/forms';
import { ClientAccount } from '../account/client-account';
import { RESET_TEXT } from './reset.text';

/** A forgotten password: with the recovery code (messages stay readable) or by e-mail link. */
@Component({
  selector: 'cf-forgot-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatHint,
    MatError,
    NewPasswordFields,
    RecoveryCodeStep,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './forgot-password-page.html',
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class ForgotPasswordPage implements ShowsRecoveryCode {
  private readonly account = inject(ClientAccount);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly routes = AccountRoutes;
  protected readonly text = inject(I18n).select(RESET_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly busy = signal(false);
  protected readonly codeError = signal<string | null>(null);
  protected readonly newCode = signal<string | null>(null);
  private readonly recoveryStep = viewChild(RecoveryCodeStep);
  protected readonly mailError = signal<string | null>(null);
  protected readonly mailSent = signal(false);
  private credentials: { username: string; password: string } | null = null;

  protected readonly codeForm = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: USERNAME_VALIDATORS }),
    code: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: newPasswordGroup(),
  });
  protected readonly mailForm = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: USERNAME_VALIDATORS }),
  });

  protected async recover(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.codeError.set(null);
    if (!(await readyToSend(this.codeForm))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    const { username, code, password } = this.codeForm.getRawValue();
    const name = normalizeUsername(username);
    try {
      const newCode = await this.account.recover(name, code, password.password);
      this.credentials = { username: name, password: password.password };
      this.codeForm.reset();
      this.newCode.set(newCode);
      setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>('h1')?.focus());
    } catch (error) {
      this.codeError.set(this.describe(error));
    } finally {
      this.busy.set(false);
    }
  }

  mayLeave(): boolean | Promise<boolean> {
    return this.recoveryStep()?.askToLeave() ?? true;
  }

  /**
   * After she kept the new code: log in with the new password, tell the server she kept it and
   * open her account.
   */
  protected async finish(): Promise<void> {
    const credentials = this.credentials;
    this.credentials = null;
    this.newCode.set(null);
    if (!credentials) {
      return;
    }
    try {
      await this.session.login(credentials.username, credentials.password);
      await this.session.confirmRecoveryCode().catch(() => undefined);
      await this.router.navigateByUrl(`/${AccountRoutes.account}`);
    } catch {
      // The new password is set; she can log in by hand (e.g. after a rate limit).
      this.codeError.set(this.text().loginFailed);
    }
  }

  protected async requestLink(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.mailError.set(null);
    this.mailSent.set(false);
    if (!(await readyToSend(this.mailForm))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      await this.account.requestResetLink(normalizeUsername(this.mailForm.controls.username.value));
      this.mailForm.reset();
      this.mailSent.set(true);
    } catch (error) {
      this.mailError.set(this.forms().failure(toFailure(error)));
    } finally {
      this.busy.set(false);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof RecoveryCodeError) {
      return error.problem === 'character'
        ? this.text().codeCharacter(error.position ?? 0)
        : this.text().codeLength(error.found ?? 0);
    }
    const failure = toFailure(error);
    return failure.kind === 'credentials' ? this.text().codeWrong : this.forms().failure(failure);
  }
}
