import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AccountRoutes, I18n, SessionStore } from '@confidant/web/core';
import { LOGGED_OUT_TEXT } from './logged-out.text';

/** Shown after logout, idle logout and account deletion: nothing is left but the advice to close. */
@Component({
  selector: 'cf-logged-out-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="logged-out">
      <h1>{{ text().title }}</h1>
      @if (notice === 'idle') {
        <p class="notice">{{ text().idle }}</p>
      } @else if (notice === 'deleted') {
        <p class="notice">{{ text().deleted }}</p>
      }
      <p>{{ text().done }}</p>
      @for (paragraph of text().close; track $index) {
        <p class="advice">{{ paragraph }}</p>
      }
      <nav class="links">
        <a [routerLink]="['/', routes.login]">{{ text().login }}</a>
        <a routerLink="/">{{ text().home }}</a>
      </nav>
    </article>
  `,
  styles: `
    .logged-out {
      max-width: 560px;
      margin: 0 auto;
      padding: 16px;
    }

    h1 {
      font: var(--mat-sys-headline-medium);
    }

    p {
      font: var(--mat-sys-body-large);
    }

    .advice {
      font-weight: 500;
    }

    .notice {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      border-radius: var(--mat-sys-corner-medium);
      padding: 8px 16px;
    }

    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      margin-top: 24px;
    }

    a {
      color: var(--mat-sys-primary);
    }
  `,
})
export class LoggedOutPage {
  private readonly session = inject(SessionStore);

  protected readonly routes = AccountRoutes;
  protected readonly text = inject(I18n).select(LOGGED_OUT_TEXT);
  /** Read once: the notice is for this page only. */
  protected readonly notice = this.session.notice();

  constructor() {
    this.session.clearNotice();
  }
}
