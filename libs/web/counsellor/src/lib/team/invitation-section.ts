import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { I18n, toFailure } from '@confidant/web/core';
import { FORMS_TEXT } from '@confidant/web/core/forms';
import { contentCopyIcon, Icon, personAddIcon } from '@confidant/web/ui';
import { InvitationRole, TeamAdmin } from './team-admin';
import { TEAM_TEXT } from './team.text';

interface ShownInvitation {
  link: string;
  role: InvitationRole;
  expiresAt: string;
}

/** Makes an invitation link for a role and shows it once, with a copy button. */
@Component({
  selector: 'cf-invitation-section',
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatLabel, MatInput, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{{ text().inviteTitle }}</h2>
      <p>{{ text().inviteIntro }}</p>
      <form [formGroup]="form" (ngSubmit)="createInvitation()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>{{ text().inviteRole }}</mat-label>
          <select matNativeControl formControlName="role">
            <option value="counsellor">{{ text().roles.counsellor }}</option>
            <option value="lead">{{ text().roles.lead }}</option>
          </select>
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">
            <cf-icon [svg]="personAddIcon" />
            {{ text().inviteSubmit }}
          </button>
        </div>
      </form>
      <div role="alert" class="error">
        @if (error(); as error) {
          {{ error }}
        }
      </div>
      @if (invitation(); as invitation) {
        <div class="invitation">
          <mat-form-field appearance="outline">
            <mat-label>{{ text().inviteLink }} ({{ text().roles[invitation.role] }})</mat-label>
            <input
              #linkField
              matInput
              readonly
              [value]="invitation.link"
              data-testid="invitation-link"
              (focus)="linkField.select()"
            />
          </mat-form-field>
          <p>{{ expires() }} {{ text().inviteOnce }}</p>
          <div class="actions">
            <button mat-stroked-button type="button" (click)="copyLink()">
              <cf-icon [svg]="contentCopyIcon" />
              {{ text().copy }}
            </button>
            <span role="status">{{ copyState() }}</span>
          </div>
        </div>
      }
    </section>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class InvitationSection {
  private readonly admin = inject(TeamAdmin);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(I18n);
  private readonly linkField = viewChild<ElementRef<HTMLInputElement>>('linkField');

  protected readonly text = this.i18n.select(TEAM_TEXT);
  protected readonly forms = this.i18n.select(FORMS_TEXT);
  protected readonly personAddIcon = personAddIcon;
  protected readonly contentCopyIcon = contentCopyIcon;
  protected readonly form = new FormGroup({
    role: new FormControl<InvitationRole>('counsellor', { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly invitation = signal<ShownInvitation | null>(null);
  private readonly copied = signal<'copied' | 'failed' | null>(null);
  protected readonly copyState = computed(() => {
    const state = this.copied();
    return state === 'copied'
      ? this.text().copied
      : state === 'failed'
        ? this.text().copyFailed
        : '';
  });
  protected readonly expires = computed(() => {
    const invitation = this.invitation();
    if (!invitation) {
      return '';
    }
    const date = new Intl.DateTimeFormat(this.i18n.language(), {
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(invitation.expiresAt));
    return this.text().inviteExpires(date);
  });

  protected async createInvitation(): Promise<void> {
    if (this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.copied.set(null);
    try {
      const made = await this.admin.invite(
        this.form.controls.role.value,
        this.document.location.origin,
      );
      this.invitation.set({
        link: made.link,
        role: made.role as InvitationRole,
        expiresAt: made.expiresAt,
      });
    } catch (error) {
      this.error.set(this.forms().failure(toFailure(error, 'session')));
    } finally {
      this.busy.set(false);
    }
  }

  /** The clipboard when the browser allows it; otherwise the link is selected for her to copy. */
  protected async copyLink(): Promise<void> {
    const link = this.invitation()?.link;
    if (!link) {
      return;
    }
    try {
      const clipboard = this.document.defaultView?.navigator.clipboard;
      if (!clipboard) {
        throw new Error('No clipboard.');
      }
      await clipboard.writeText(link);
      this.copied.set('copied');
    } catch {
      const field = this.linkField()?.nativeElement;
      field?.focus();
      field?.select();
      this.copied.set('failed');
    }
  }
}
