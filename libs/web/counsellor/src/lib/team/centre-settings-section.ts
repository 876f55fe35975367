import {
  ChangeDetectionStrategy,
  Component,
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
import { CentreResponse } from '@confidant/shared/api-interfaces';
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

const wholeNumber = (min: number, max: number) => [
  Validators.required,
  Validators.min(min),
  Validators.max(max),
  Validators.pattern(/^\d+$/),
];

/**
 * The centre's settings, prefilled from what the portal shows. Sender and subject of the notice
 * mails are not public, so they start empty and are sent only when filled in.
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
          <mat-hint>{{ text().keepEmpty }}</mat-hint>
          @if (controls.notificationSender.invalid) {
            <mat-error>{{ text().range(3, 320) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().notificationSubject }}</mat-label>
          <input matInput formControlName="notificationSubject" autocomplete="off" />
          <mat-hint>{{ text().keepEmpty }}</mat-hint>
          @if (controls.notificationSubject.invalid) {
            <mat-error>{{ text().tooLong(200) }}</mat-error>
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

  protected readonly text = inject(I18n).select(TEAM_TEXT);
  protected readonly forms = inject(I18n).select(FORMS_TEXT);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal<string | null>(null);
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
      validators: [Validators.minLength(3), Validators.maxLength(320)],
    }),
    notificationSubject: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(200)],
    }),
    topics: new FormControl('', { nonNullable: true, validators: [topicsValid] }),
  });

  constructor() {
    this.centre.load();
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
      this.saved.set(true);
    } catch (error) {
      this.error.set(this.forms().failure(toFailure(error, 'session')));
    } finally {
      this.busy.set(false);
    }
  }
}
