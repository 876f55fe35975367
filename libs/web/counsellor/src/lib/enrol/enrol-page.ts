import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  AccountRoutes,
  I18n,
  SessionStore,
  ShowsRecoveryCode,
  StaffRoutes,
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
import { EnrolMode, ENROL_TEXT } from './enrol.text';
import { StaffEnrolmentService } from './staff-enrolment';

/** base64url of 32 bytes, as the server makes setup and invitation tokens. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * A member of staff makes her account from a link (`/einrichtung#<token>` for the first lead,
 * `/einladung#<token>` for invited staff). The token is read from the fragment, which never reaches
 * a server log; the address bar shows only the neutral start from the moment the app has read
 * the link. After the recovery code step she lands
 * on the staff home, logged in with her keys in memory.
 */
@Component({
  selector: 'cf-enrol-page',
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
  template: `
    <article class="page">
      @if (recoveryCode(); as code) {
        <h1>{{ text().doneTitle }}</h1>
        <cf-recovery-code-step [code]="code" (confirmed)="finish()" />
      } @else {
        <h1>{{ text().title[mode] }}</h1>
        @switch (state()) {
          @case ('checking') {
            <p role="status">{{ text().checking }}</p>
          }
          @case ('no-token') {
            <p class="error" role="alert">{{ text().noToken[mode] }}</p>
          }
          @case ('not-needed') {
            <p class="notice" role="status">{{ text().notNeeded }}</p>
            <p class="links">
              <a [routerLink]="['/', routes.login]">{{ text().toLogin }}</a>
            </p>
          }
          @default {
            <p>{{ text().intro[mode] }}</p>
            <form [formGroup]="form" (ngSubmit)="enrol()" novalidate>
              <mat-form-field appearance="outline">
                <mat-label>{{ forms().username }}</mat-label>
                <input
                  matInput
                  formControlName="username"
                  autocomplete="username"
                  autocapitalize="none"
                  spellcheck="false"
                />
                <mat-hint>{{ forms().usernameHint }}</mat-hint>
                @if (form.controls.username.hasError('required')) {
                  <mat-error>{{ forms().usernameRequired }}</mat-error>
                } @else if (form.controls.username.invalid) {
                  <mat-error>{{ forms().usernameFormat }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ text().displayName }}</mat-label>
                <input matInput formControlName="displayName" autocomplete="off" />
                <mat-hint>{{ text().displayNameHint }}</mat-hint>
                @if (form.controls.displayName.hasError('maxlength')) {
                  <mat-error>{{ text().displayNameTooLong }}</mat-error>
                } @else if (form.controls.displayName.invalid) {
                  <mat-error>{{ text().displayNameRequired }}</mat-error>
                }
              </mat-form-field>

              <h2>{{ text().passwordTitle }}</h2>
              <p>{{ text().passwordAdvice }}</p>
              <cf-new-password
                [group]="form.controls.password"
                [userInputs]="userInputs()"
                [label]="forms().password"
                [repeatLabel]="forms().passwordRepeat"
                id="staff-password"
              />

              <div role="alert" class="error">
                @if (error(); as error) {
                  {{ error }}
                }
              </div>
              @if (busy()) {
                <p class="notice" role="status">{{ text().making[mode] }}</p>
              }
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="busy()">
                  {{ text().submit[mode] }}
                </button>
              </div>
            </form>
          }
        }
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class EnrolPage implements OnInit, ShowsRecoveryCode {
  private readonly enrolment = inject(StaffEnrolmentService);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly route = inject(ActivatedRoute);

  protected readonly mode: EnrolMode =
    this.route.snapshot.data['mode'] === 'setup' ? 'setup' : 'invitation';
  protected readonly text = inject(I18n).select(ENROL_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly routes = AccountRoutes;
  protected readonly state = signal<'checking' | 'no-token' | 'not-needed' | 'ready'>('checking');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly recoveryCode = signal<string | null>(null);
  private readonly recoveryStep = viewChild(RecoveryCodeStep);
  private readonly token: string | null;

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: USERNAME_VALIDATORS }),
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(64), notBlank],
    }),
    password: newPasswordGroup(),
  });

  private readonly username = toSignal(this.form.controls.username.valueChanges, {
    initialValue: '',
  });
  private readonly displayName = toSignal(this.form.controls.displayName.valueChanges, {
    initialValue: '',
  });
  /** Her names must not make the password easy to guess. */
  protected readonly userInputs = computed(() => [this.username(), this.displayName()]);

  constructor() {
    // The router read the link once when the app started and the address bar already shows the
    // neutral start (NeutralLocationStrategy): the token lives in the router's memory only.
    const fragment = this.route.snapshot.fragment ?? '';
    this.token = TOKEN_PATTERN.test(fragment) ? fragment : null;
  }

  ngOnInit(): void {
    void this.checkLink();
  }

  private async checkLink(): Promise<void> {
    if (!this.token) {
      this.state.set('no-token');
      return;
    }
    if (this.mode === 'setup') {
      try {
        if (!(await this.enrolment.setupNeeded())) {
          this.state.set('not-needed');
          return;
        }
      } catch {
        // The server will say more when she sends the form.
      }
    }
    this.state.set('ready');
  }

  protected async enrol(): Promise<void> {
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
      const { username, displayName, password } = this.form.getRawValue();
      const enrolment = {
        username: normalizeUsername(username),
        displayName: displayName.trim(),
        password: password.password,
      };
      const code =
        this.mode === 'setup'
          ? await this.enrolment.setUp(this.token, enrolment)
          : await this.enrolment.register(this.token, enrolment);
      this.form.reset();
      this.recoveryCode.set(code);
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>('#recovery-title')?.focus(),
      );
    } catch (error) {
      this.error.set(this.explain(error));
    } finally {
      this.busy.set(false);
    }
  }

  private explain(error: unknown): string {
    const failure = toFailure(error);
    // The form was valid, so a 400 means the server refused the link's token.
    return failure.kind === 'invalid'
      ? this.text().linkInvalid[this.mode]
      : this.forms().failure(failure);
  }

  mayLeave(): boolean | Promise<boolean> {
    return this.recoveryStep()?.askToLeave() ?? true;
  }

  /** She kept the code: the server remembers it on her account. */
  protected async finish(): Promise<void> {
    await this.session.confirmRecoveryCode().catch(() => undefined);
    this.recoveryCode.set(null);
    await this.router.navigateByUrl(`/${StaffRoutes.home}`);
  }
}

/** Spaces alone are no name (the server trims it). */
function notBlank(control: AbstractControl): ValidationErrors | null {
  const value = typeof control.value === 'string' ? control.value : '';
  return value !== '' && value.trim() === '' ? { required: true } : null;
}
