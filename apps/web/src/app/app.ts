import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { CentreStore, I18n, QuickExit, SessionStore } from '@confidant/web/core';
import { filter, skip } from 'rxjs';
import { SHELL_TEXT } from './layout/shell.text';
import { SiteFooter } from './layout/site-footer';
import { PortalNav } from './layout/portal-nav';
import { SiteHeader } from './layout/site-header';
import { IdleWarning } from './session/idle-warning';

/** The shell every page lives in: header with quick exit, the page, and the footer. */
@Component({
  selector: 'cf-root',
  imports: [RouterOutlet, SiteHeader, PortalNav, SiteFooter, IdleWarning],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'leaveOnShortcut($event)' },
  template: `
    <a class="skip-link" href="#main-content" (click)="focusMain($event)">{{
      text().skipToContent
    }}</a>
    <cf-site-header />
    <cf-portal-nav />
    <main id="main-content" #main tabindex="-1">
      <router-outlet />
    </main>
    <cf-site-footer />
    <cf-idle-warning />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100dvh;
    }

    main {
      flex: 1;
      outline: none;
    }

    .skip-link {
      position: absolute;
      left: 8px;
      top: -48px;
      z-index: 10;
      padding: 8px 16px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      border-radius: var(--mat-sys-corner-small);
    }

    .skip-link:focus {
      top: 8px;
    }
  `,
})
export class App {
  private readonly quickExit = inject(QuickExit);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly text = inject(I18n).select(SHELL_TEXT);

  constructor() {
    inject(CentreStore).load();
    // Whether this browser still has a session (after a reload it is locked: keys are gone).
    void inject(SessionStore).whenKnown();
    // After an in-app navigation, move focus to the new page so screen readers announce it.
    const subscription = inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
      )
      .subscribe(() => this.main().nativeElement.focus());
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
    // The header's button and the shortcut below now serve quick exit: the script that served it
    // while the app was loading steps back.
    afterNextRender(() => this.quickExit.takeOver());
  }

  protected leaveOnShortcut(event: KeyboardEvent): void {
    this.quickExit.handleKey(event);
  }

  protected focusMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
