import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  AsyncValidatorFn,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { I18n } from '../i18n/i18n';
import { MIN_STRENGTH_SCORE, PasswordStrength, StrengthResult } from './password-strength';
import { PASSWORD_TEXT } from './password.text';

export type NewPasswordGroup = FormGroup<{
  password: FormControl<string>;
  repeat: FormControl<string>;
}>;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** The two controls of a new password; {@link NewPasswordFields} adds the strength check. */
export function newPasswordGroup(): NewPasswordGroup {
  return new FormGroup({
    password: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.minLength(MIN_PASSWORD_LENGTH),
        Validators.maxLength(MAX_PASSWORD_LENGTH),
      ],
    }),
    repeat: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
}

/**
 * A new password, its repetition and a strength meter. Passwords that zxcvbn scores below
 * {@link MIN_STRENGTH_SCORE} are refused with a plain explanation. The dictionaries are asked for
 * only after the form has rendered, so they never delay it; while they load, the polite live region
 * under the field says so, and the password stays pending (a submit waits for the check).
 */
@Component({
  selector: 'cf-new-password',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput, MatHint, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let controls = group().controls;
    <!-- Dynamic subscript: the long hint wraps on a phone and must push the strength line down. -->
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() || text().newPassword }}</mat-label>
      <input
        matInput
        type="password"
        autocomplete="new-password"
        [formControl]="controls.password"
        [attr.aria-describedby]="id() + '-strength'"
      />
      <mat-hint>{{ text().newPasswordHint }}</mat-hint>
      @if (controls.password.hasError('required')) {
        <mat-error>{{ text().required }}</mat-error>
      } @else if (controls.password.hasError('minlength')) {
        <mat-error>{{ text().tooShort }}</mat-error>
      } @else if (controls.password.hasError('maxlength')) {
        <mat-error>{{ text().tooLong }}</mat-error>
      } @else if (controls.password.hasError('weak')) {
        <mat-error>{{ text().tooWeak }}</mat-error>
      }
    </mat-form-field>

    <div class="strength" [id]="id() + '-strength'" aria-live="polite">
      @if (shownResult(); as result) {
        <meter
          min="0"
          max="4"
          low="2.5"
          high="3.5"
          optimum="4"
          [value]="result.score"
          [attr.aria-label]="text().strengthLabel"
        ></meter>
        <span class="level">{{ text().strengthLabel }}: {{ text().levels[result.score] }}</span>
        @if (result.score < minScore) {
          @if (result.warning) {
            <span class="advice">{{ result.warning }}</span>
          }
          @for (suggestion of result.suggestions; track $index) {
            <span class="advice">{{ suggestion }}</span>
          }
        }
      } @else if (check() === 'loading') {
        <span class="loading">{{ text().loadingCheck }}</span>
      } @else if (check() === 'failed') {
        <span>{{ text().checkFailed }}</span>
      } @else if (checking()) {
        <span>{{ text().checking }}</span>
      }
    </div>

    <mat-form-field appearance="outline">
      <mat-label>{{ repeatLabel() || text().repeat }}</mat-label>
      <input matInput type="password" autocomplete="new-password" [formControl]="controls.repeat" />
      @if (controls.repeat.hasError('required')) {
        <mat-error>{{ text().repeatRequired }}</mat-error>
      } @else if (controls.repeat.hasError('mismatch')) {
        <mat-error>{{ text().mismatch }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }

    mat-form-field {
      width: 100%;
    }

    .strength {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 16px 0 8px;
      font: var(--mat-sys-body-medium);
    }

    meter {
      width: 100%;
      height: 12px;
    }

    .level {
      font-weight: 500;
    }
  `,
})
export class NewPasswordFields implements OnInit {
  private readonly strength = inject(PasswordStrength);
  private readonly i18n = inject(I18n);
  private readonly destroyRef = inject(DestroyRef);

  readonly group = input.required<NewPasswordGroup>();
  /** Words that must not make the password easy: her username, for instance. */
  readonly userInputs = input<string[]>([]);
  readonly id = input('new-password');
  readonly label = input('');
  readonly repeatLabel = input('');

  protected readonly text = this.i18n.select(PASSWORD_TEXT);
  protected readonly minScore = MIN_STRENGTH_SCORE;
  protected readonly checking = signal(false);
  protected readonly check = this.strength.state;
  private readonly result = signal<StrengthResult | null>(null);
  private readonly length = signal(0);
  protected readonly shownResult = computed(() => (this.length() >= 10 ? this.result() : null));

  constructor() {
    // After the first render and in a task of its own: the form is usable before the download starts.
    afterNextRender(() => {
      const timer = setTimeout(() => this.strength.preload());
      this.destroyRef.onDestroy(() => clearTimeout(timer));
    });
  }

  ngOnInit(): void {
    const { password, repeat } = this.group().controls;
    password.addAsyncValidators(this.strengthValidator());
    repeat.addValidators((control: AbstractControl): ValidationErrors | null =>
      control.value && control.value !== password.value ? { mismatch: true } : null,
    );
    const subscription = password.valueChanges.subscribe((value) => {
      this.length.set(value.length);
      if (repeat.value) {
        repeat.updateValueAndValidity();
      }
    });
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  private strengthValidator(): AsyncValidatorFn {
    return async (control) => {
      const value = control.value as string;
      this.checking.set(true);
      try {
        const result = await this.strength.estimate(value, this.i18n.language(), [
          ...this.userInputs(),
        ]);
        this.result.set(result);
        return result.score < MIN_STRENGTH_SCORE ? { weak: true } : null;
      } catch {
        // Without the meter the server's length rule still applies; do not block her.
        return null;
      } finally {
        this.checking.set(false);
      }
    };
  }
}
