import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18n, SessionStore } from '@confidant/web/core';
import { ACCOUNT_TEXT } from './account.text';
import { ClientAccount } from './client-account';
import { DeleteSection } from './delete-section';
import { EmailSection } from './email-section';
import { PasswordSection } from './password-section';
import { RecoverySection } from './recovery-section';

/** Her account: name, deletion date, password, e-mail, recovery code and deletion. */
@Component({
  selector: 'cf-account-page',
  imports: [PasswordSection, EmailSection, RecoverySection, DeleteSection],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().title }}</h1>
      <dl class="facts">
        <dt>{{ text().usernameLabel }}</dt>
        <dd class="username">{{ account()?.username }}</dd>
      </dl>
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
  `,
})
export class AccountPage {
  private readonly session = inject(SessionStore);

  protected readonly text = inject(I18n).select(ACCOUNT_TEXT);
  protected readonly account = this.session.account;
  protected readonly deletionDate = computed(() => {
    const date = this.account()?.deletionDate;
    return date
      ? new Intl.DateTimeFormat(this.text().dateLocale, { dateStyle: 'long' }).format(
          new Date(date),
        )
      : null;
  });

  constructor() {
    // The session answer may be a few minutes old; the deletion date moves with activity.
    inject(ClientAccount)
      .refreshAccount()
      .catch(() => undefined);
  }
}
