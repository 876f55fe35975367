import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { I18n } from '../i18n/i18n';
import { SessionStore } from '../session/session-store';
import { RECOVERY_CODE_TEXT } from './recovery-code.text';

/** Reads a typed group as the code parser would: case, spaces and Crockford look-alikes. */
export function normalizeGroup(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * Shows a new recovery code once, in groups of four, with download and print, and lets her go on
 * only after she typed its last group: proof that she has it in front of her somewhere. Leaving
 * through the router any other way (a link in the navigation or on the page) asks first, through
 * {@link RecoveryCodeStep.askToLeave}, which the page's `keepRecoveryCodeGuard` calls; once the
 * session ends (logout, idle logout, quick exit) nothing holds her.
 */
@Component({
  selector: 'cf-recovery-code-step',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="recovery" aria-labelledby="recovery-title">
      <h2 id="recovery-title" tabindex="-1">{{ text().title }}</h2>
      @for (paragraph of text().intro; track $index) {
        <p class="no-print">{{ paragraph }}</p>
      }
      <p class="code">
        <span class="visually-hidden">{{ text().codeLabel }}: {{ spokenCode() }}</span>
        @for (group of groups(); track $index) {
          <span class="group" aria-hidden="true">{{ group }}</span>
        }
      </p>
      <div class="actions no-print">
        <button class="cf-button cf-button--outlined" type="button" (click)="downloadCode()">
          {{ text().download }}
        </button>
        <button class="cf-button cf-button--outlined" type="button" (click)="printCode()">
          {{ text().print }}
        </button>
      </div>

      @if (asking()) {
        <div class="leave no-print" role="group" aria-labelledby="leave-title">
          <h3 id="leave-title" tabindex="-1">{{ text().leaveTitle }}</h3>
          <p>{{ text().leaveText }}</p>
          <div class="actions">
            <button class="cf-button cf-button--filled" type="button" (click)="answerLeave(false)">
              {{ text().stay }}
            </button>
            <button class="cf-button cf-button--outlined" type="button" (click)="answerLeave(true)">
              {{ text().leave }}
            </button>
          </div>
        </div>
      }

      <form class="no-print" [formGroup]="form" (ngSubmit)="confirm()" novalidate>
        <h3>{{ text().confirmTitle }}</h3>
        <p id="confirm-hint">{{ text().confirmHint }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().confirmLabel }}</mat-label>
          <input
            matInput
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="9"
            aria-describedby="confirm-hint"
            formControlName="lastGroup"
          />
          @if (lastGroup.hasError('required')) {
            <mat-error>{{ text().confirmRequired }}</mat-error>
          } @else if (lastGroup.hasError('mismatch')) {
            <mat-error>{{ text().confirmMismatch }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <button class="cf-button cf-button--filled" type="submit">
            {{ continueLabel() || text().continue }}
          </button>
        </div>
      </form>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }

    h2 {
      font: var(--mat-sys-title-large);
      margin: 16px 0 8px;
    }

    h3 {
      font: var(--mat-sys-title-medium);
      margin: 24px 0 8px;
    }

    p {
      font: var(--mat-sys-body-large);
    }

    .code {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      padding: 16px;
      border: 2px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-medium);
      font-family: 'Roboto Mono', ui-monospace, 'DejaVu Sans Mono', monospace;
      font-size: 1.375rem;
      letter-spacing: 0.08em;
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }

    mat-form-field {
      width: 100%;
      max-width: 360px;
    }

    .leave {
      margin-top: 16px;
      padding: 4px 16px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }

    .leave h3 {
      margin-top: 12px;
    }

    @media print {
      .no-print {
        display: none;
      }
    }
  `,
})
export class RecoveryCodeStep {
  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** She confirmed, or the session ended: leaving loses nothing she could still keep. */
  private released = false;
  /** Answers the pending question "leave without the code?". */
  private answer: ((leave: boolean) => void) | null = null;

  /** The code as `XXXX-XXXX-…`. */
  readonly code = input.required<string>();
  readonly continueLabel = input('');
  readonly confirmed = output<void>();

  protected readonly text = inject(I18n).select(RECOVERY_CODE_TEXT);
  protected readonly groups = computed(() => this.code().split('-'));
  /** Screen readers read the code character by character, group by group. */
  protected readonly spokenCode = computed(() =>
    this.groups()
      .map((group) => group.split('').join(' '))
      .join(', '),
  );
  protected readonly lastGroup: FormControl<string> = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      (control: AbstractControl): ValidationErrors | null => {
        const value = normalizeGroup(String(control.value ?? ''));
        return value && value !== this.groups().at(-1) ? { mismatch: true } : null;
      },
    ],
  });

  protected readonly form = new FormGroup({ lastGroup: this.lastGroup });
  protected readonly asking = signal(false);

  constructor() {
    // Logout, idle logout and quick exit wipe the session and must never wait for an answer.
    const unregister = inject(SessionStore).onWipe(() => this.release());
    inject(DestroyRef).onDestroy(() => {
      unregister();
      this.answer?.(false);
    });
  }

  /**
   * Whether she may leave the step: at once after she confirmed; otherwise the step asks her
   * whether to go on without the code, and the answer is what she chose.
   */
  askToLeave(): boolean | Promise<boolean> {
    if (this.released) {
      return true;
    }
    // A second attempt while the question is open replaces the first one.
    this.answer?.(false);
    this.asking.set(true);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('#leave-title')?.focus(),
      { injector: this.injector },
    );
    return new Promise<boolean>((resolve) => (this.answer = resolve));
  }

  protected answerLeave(leave: boolean): void {
    if (leave) {
      this.released = true;
    }
    this.settle(leave);
    if (!leave) {
      this.host.nativeElement.querySelector<HTMLElement>('#recovery-title')?.focus();
    }
  }

  private release(): void {
    this.released = true;
    this.settle(true);
  }

  private settle(leave: boolean): void {
    this.asking.set(false);
    const answer = this.answer;
    this.answer = null;
    answer?.(leave);
  }

  protected downloadCode(): void {
    const blob = new Blob([this.text().fileText(this.code())], {
      type: 'text/plain;charset=utf-8',
    });
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = this.text().fileName;
    link.hidden = true;
    this.document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  }

  protected printCode(): void {
    this.document.defaultView?.print();
  }

  protected confirm(): void {
    this.lastGroup.markAsTouched();
    this.lastGroup.updateValueAndValidity();
    if (this.lastGroup.valid) {
      this.released = true;
      // A link she tapped before stays untaken: the page goes on where it leads after the step.
      this.settle(false);
      this.confirmed.emit();
    }
  }
}
