import {
  ChangeDetectionStrategy,
  Component,
  afterRenderEffect,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { I18n, SessionStore } from '@confidant/web/core';
import { SHELL_TEXT } from '../layout/shell.text';

/**
 * Two minutes before the idle logout: a warning with "Stay logged in". It takes the focus, so a
 * keyboard or screen-reader user can answer at once (WCAG 2.2.1, timing adjustable).
 */
@Component({
  selector: 'cf-idle-warning',

  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (session.idleWarning()) {
      <section
        class="idle-warning"
        role="alertdialog"
        aria-labelledby="idle-title"
        aria-describedby="idle-text"
      >
        <h2 id="idle-title">{{ text().idleTitle }}</h2>
        <p id="idle-text">{{ text().idleText }}</p>
        <div class="actions">
          <button
            #stay
            class="cf-button cf-button--inverse"
            type="button"
            [disabled]="busy()"
            (click)="stayLoggedIn()"
          >
            {{ text().stayLoggedIn }}
          </button>
          <button class="cf-button cf-button--on-inverse" type="button" (click)="logout()">
            {{ text().logoutNow }}
          </button>
        </div>
      </section>
    }
  `,
  styles: `
    .idle-warning {
      position: fixed;
      left: 8px;
      right: 8px;
      bottom: 8px;
      z-index: 20;
      max-width: 560px;
      margin: 0 auto;
      padding: 8px 16px 16px;
      background: var(--mat-sys-inverse-surface);
      color: var(--mat-sys-inverse-on-surface);
      border-radius: var(--mat-sys-corner-large);
      box-shadow: var(--mat-sys-level3);
    }

    .cf-button--inverse {
      background: var(--mat-sys-inverse-primary);
      color: var(--mat-sys-on-primary-fixed);
    }

    .cf-button--on-inverse {
      color: var(--mat-sys-inverse-on-surface);
    }

    h2 {
      font: var(--mat-sys-title-large);
      margin: 8px 0;
    }

    p {
      font: var(--mat-sys-body-large);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class IdleWarning {
  protected readonly session = inject(SessionStore);
  protected readonly text = inject(I18n).select(SHELL_TEXT);
  protected readonly busy = signal(false);
  private readonly stay = viewChild('stay', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    let focused = false;
    afterRenderEffect(() => {
      const button = this.stay()?.nativeElement;
      if (button && !focused) {
        // Once per warning, without scrolling the page away.
        button.focus({ preventScroll: true });
      }
      focused = button !== undefined;
    });
  }

  protected async stayLoggedIn(): Promise<void> {
    this.busy.set(true);
    try {
      await this.session.stayLoggedIn();
    } catch {
      // A 401 already sent her to the login page; otherwise the timer stays as it was.
    } finally {
      this.busy.set(false);
    }
  }

  protected logout(): Promise<void> {
    return this.session.logout();
  }
}
