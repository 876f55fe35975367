import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { I18n, SessionStore, ShowsRecoveryCode } from '@confidant/web/core';
import { ACCOUNT_TEXT } from './account.text';
import { ClientAccount } from './client-account';
import { DeleteSection } from './delete-section';
import { EmailSection } from './email-section';
import { PasswordSection } from './password-section';
import { RecoverySection } from './recovery-section';

/**
 * Her account: name, deletion date, password, e-mail, recovery code and deletion. Until she has
 * confirmed that she kept her current recovery code, a reminder at the top leads to a new one.
 */
@Component({
  selector: 'cf-account-page',
  imports: [MatButton, PasswordSection, EmailSection, RecoverySection, DeleteSection],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().title }}</h1>
      <dl class="facts">
        <dt>{{ text().usernameLabel }}</dt>
        <dd class="username">{{ account()?.username }}</dd>
      </dl>
      @if (recoveryMissing()) {
        <section class="notice reminder" aria-labelledby="reminder-title">
          <h2 id="reminder-title">{{ text().reminderTitle }}</h2>
          <p>{{ text().reminderText }}</p>
          <div class="actions">
            <button mat-flat-button type="button" (click)="openRecovery()">
              {{ text().reminderAction }}
            </button>
          </div>
        </section>
      }
      @if (deletionDate(); as date) {
        <p class="deletion">{{ text().deletion(date) }}</p>
      }
      <p>{{ text().next }}</p>
      <p class="notice">{{ text().safety }}</p>
      <cf-password-section />
      <cf-email-section />
      <cf-recovery-section />
      <cf-delete-section />
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .facts {
      display: flex;
      gap: 8px;
      font: var(--mat-sys-body-large);
    }

    dt::after {
      content: ':';
    }

    dd {
      margin: 0;
      font-weight: 500;
    }

    .reminder {
      padding-bottom: 16px;
    }

    .reminder h2 {
      margin-top: 12px;
    }
  `,
})
export class AccountPage implements ShowsRecoveryCode {
  private readonly session = inject(SessionStore);
  private readonly recovery = viewChild.required(RecoverySection);

  protected readonly text = inject(I18n).select(ACCOUNT_TEXT);
  protected readonly account = this.session.account;
  /** False until she confirmed the current code; a new code sets it back to false. */
  protected readonly recoveryMissing = computed(() => this.account()?.recoveryConfirmed === false);
  protected readonly deletionDate = computed(() => {
    const date = this.account()?.deletionDate;
    return date
      ? new Intl.DateTimeFormat(this.text().dateLocale, { dateStyle: 'long' }).format(
          new Date(date),
        )
      : null;
  });

  mayLeave(): boolean | Promise<boolean> {
    return this.recovery().mayLeave();
  }

  protected openRecovery(): void {
    this.recovery().start();
  }

  constructor() {
    // The session answer may be a few minutes old; the deletion date moves with activity.
    inject(ClientAccount)
      .refreshAccount()
      .catch(() => undefined);
  }
}
