import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
} from '@angular/core';
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
import {
  CentreMailResponse,
  CentreResponse,
  NoticeFailure,
  notificationSenderAddress,
} from '@confidant/shared/api-interfaces';
import { CentreStore, I18n, toFailure } from '@confidant/web/core';
import { focusFirstInvalid, FORMS_TEXT, readyToSend } from '@confidant/web/core/forms';
import { CentrePatch, TeamAdmin } from './team-admin';
import { TEAM_TEXT } from './team.text';

/** Lines of the topics field, trimmed, without empty lines. */
export function topicLines(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function topicsValid(control: AbstractControl): ValidationErrors | null {
  const topics = topicLines(String(control.value ?? ''));
  return topics.length >= 1 && topics.length <= 30 && topics.every((topic) => topic.length <= 100)
    ? null
    : { topics: true };
}

/** An absolute http(s) address, as the server requires for the quick exit. */
function httpUrl(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '').trim();
  if (value === '') {
    return null;
  }
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
      ? null
      : { url: true };
  } catch {
    return { url: true };
  }
}

/** A sender the portal's mailer accepts (the server checks the same rule); empty keeps the current one. */
function senderValid(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '').trim();
  return value === '' || notificationSenderAddress(value) ? null : { sender: true };
}

/** One line of text: the mailer refuses tabs and other control characters in a subject. */
function oneLine(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) {
      return { oneLine: true };
    }
  }
  return null;
}

const wholeNumber = (min: number, max: number) => [
  Validators.required,
  Validators.min(min),
  Validators.max(max),
  Validators.pattern(/^\d+$/),
];

/**
 * The centre's settings, prefilled from what the portal shows. Sender and subject of the notice
 * mails are not public: they come from the lead-only `GET /api/centre/mail`, which also says why the
 * last notice could not be sent (no address, no content). Left empty, they keep their value.
 */
@Component({
  selector: 'cf-centre-settings-section',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, MatHint, MatError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let controls = form.controls;
    <section class="card" aria-labelledby="centre-title">
      <h2 id="centre-title">{{ text().centreTitle }}</h2>
      <p>{{ text().centreIntro }}</p>
      @if (noticeFailure(); as failure) {
        <p class="error" role="status" data-testid="notice-failure">{{ failure }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().name }}</mat-label>
          <input matInput formControlName="name" autocomplete="organization" />
          @if (controls.name.hasError('maxlength')) {
            <mat-error>{{ text().tooLong(200) }}</mat-error>
          } @else if (controls.name.invalid) {
            <mat-error>{{ text().required }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().phone }}</mat-label>
          <input matInput type="tel" formControlName="phone" autocomplete="off" />
          @if (controls.phone.hasError('maxlength')) {
            <mat-error>{{ text().tooLong(50) }}</mat-error>
          } @else if (controls.phone.invalid) {
            <mat-error>{{ text().required }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().responseDays }}</mat-label>
          <input matInput type="number" min="1" max="30" formControlName="responseDays" />
          <mat-hint>{{ text().responseDaysHint }}</mat-hint>
          @if (controls.responseDays.invalid) {
            <mat-error>{{ text().range(1, 30) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().retentionMonths }}</mat-label>
          <input matInput type="number" min="1" max="24" formControlName="retentionMonths" />
          <mat-hint>{{ text().retentionMonthsHint }}</mat-hint>
          @if (controls.retentionMonths.invalid) {
            <mat-error>{{ text().range(1, 24) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().exitUrl }}</mat-label>
          <input matInput type="url" formControlName="exitUrl" autocomplete="off" />
          <mat-hint>{{ text().exitUrlHint }}</mat-hint>
          @if (controls.exitUrl.hasError('required')) {
            <mat-error>{{ text().required }}</mat-error>
          } @else if (controls.exitUrl.invalid) {
            <mat-error>{{ text().urlInvalid }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().notificationSender }}</mat-label>
          <input matInput formControlName="notificationSender" autocomplete="off" />
          <mat-hint>{{ text().senderHint }}</mat-hint>
          @if (controls.notificationSender.invalid) {
            <mat-error>{{ text().senderInvalid }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().notificationSubject }}</mat-label>
          <input matInput formControlName="notificationSubject" autocomplete="off" />
          <mat-hint>{{ text().keepEmpty }}</mat-hint>
          @if (controls.notificationSubject.invalid) {
            <mat-error>{{ text().subjectInvalid }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().topics }}</mat-label>
          <textarea matInput rows="6" formControlName="topics"></textarea>
          <mat-hint>{{ text().topicsHint }}</mat-hint>
          @if (controls.topics.invalid) {
            <mat-error>{{ text().topicsInvalid }}</mat-error>
          }
        </mat-form-field>
        <div role="alert" class="error">
          @if (error(); as error) {
            {{ error }}
          }
        </div>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ text().centreSubmit }}
          </button>
          <span role="status">
            @if (saved()) {
              {{ text().centreSaved }}
            }
          </span>
        </div>
      </form>
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class CentreSettingsSection {
  private readonly admin = inject(TeamAdmin);
  private readonly centre = inject(CentreStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  private readonly i18n = inject(I18n);
  protected readonly text = this.i18n.select(TEAM_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly lastFailure = signal<NoticeFailure | null>(null);
  /** "The last notice could not be sent: …", in the current language; null when it was sent. */
  protected readonly noticeFailure = computed(() => {
    const failure = this.lastFailure();
    if (!failure) {
      return null;
    }
    const text = this.text();
    const at = new Intl.DateTimeFormat(this.i18n.language(), {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(failure.at));
    return text.noticeFailed(text.noticeFailureReasons[failure.reason], at, failure.detail);
  });
  private filled = false;

  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
    phone: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(50)],
    }),
    responseDays: new FormControl<number | null>(null, { validators: wholeNumber(1, 30) }),
    retentionMonths: new FormControl<number | null>(null, { validators: wholeNumber(1, 24) }),
    exitUrl: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(2000), httpUrl],
    }),
    notificationSender: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(320), senderValid],
    }),
    notificationSubject: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(200), oneLine],
    }),
    topics: new FormControl('', { nonNullable: true, validators: [topicsValid] }),
  });

  constructor() {
    this.centre.load();
    void this.loadMailSettings();
    effect(() => {
      const centre = this.centre.centre();
      if (centre && !this.filled) {
        untracked(() => this.fill(centre));
      }
    });
  }

  private fill(centre: CentreResponse): void {
    this.filled = true;
    this.form.patchValue({
      name: centre.name,
      phone: centre.phone,
      responseDays: centre.responseDays,
      retentionMonths: centre.retentionMonths,
      exitUrl: centre.exitUrl,
      topics: centre.topics.join('\n'),
    });
  }

  /** Sender, subject and the last failure; a failed load leaves the fields empty (kept as they are). */
  private async loadMailSettings(): Promise<void> {
    let mail: CentreMailResponse;
    try {
      mail = await this.admin.mailSettings();
    } catch {
      return;
    }
    const controls = this.form.controls;
    if (!controls.notificationSender.dirty) {
      controls.notificationSender.setValue(mail.notificationSender);
    }
    if (!controls.notificationSubject.dirty) {
      controls.notificationSubject.setValue(mail.notificationSubject);
    }
    this.lastFailure.set(mail.lastNoticeFailure);
  }

  protected async save(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.saved.set(false);
    this.error.set(null);
    if (!(await readyToSend(this.form))) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      const value = this.form.getRawValue();
      const patch: CentrePatch = {
        name: value.name.trim(),
        phone: value.phone.trim(),
        responseDays: Number(value.responseDays),
        retentionMonths: Number(value.retentionMonths),
        exitUrl: value.exitUrl.trim(),
        topics: topicLines(value.topics),
      };
      if (value.notificationSender.trim()) {
        patch.notificationSender = value.notificationSender.trim();
      }
      if (value.notificationSubject.trim()) {
        patch.notificationSubject = value.notificationSubject.trim();
      }
      const centre = await this.admin.updateCentre(patch);
      this.fill(centre);
      this.form.controls.notificationSender.markAsPristine();
      this.form.controls.notificationSubject.markAsPristine();
      this.saved.set(true);
      void this.loadMailSettings();
    } catch (error) {
      this.error.set(this.forms().failure(toFailure(error, 'session')));
    } finally {
      this.busy.set(false);
    }
  }
}
