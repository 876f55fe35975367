import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Icon, logoutIcon, translateIcon } from '@confidant/web/ui';
import { RouterLink } from '@angular/router';
import { CentreStore, Drafts, I18n, QuickExit, SessionStore } from '@confidant/web/core';
import { SHELL_TEXT } from './shell.text';

@Component({
  selector: 'cf-site-header',
  imports: [Icon, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="site-header">
      <a class="brand" routerLink="/">{{ centreName() }}</a>
      <div class="actions">
        <button
          type="button"
          class="cf-button language"
          [attr.lang]="otherLanguage()"
          [attr.aria-label]="text().switchLanguageLabel"
          (click)="switchLanguage()"
        >
          <cf-icon [svg]="icons.translate" />
          {{ text().switchLanguage }}
        </button>
        @if (loggedIn()) {
          <button type="button" class="cf-button cf-button--outlined logout" (click)="logout()">
            {{ text().logout }}
          </button>
        }
        <button
          type="button"
          class="cf-button cf-button--danger quick-exit"
          data-quick-exit
          aria-describedby="quick-exit-hint"
          (click)="leave()"
        >
          <cf-icon [svg]="icons.logout" />
          {{ text().quickExit }}
        </button>
        <span id="quick-exit-hint" class="hint">{{ text().quickExitHint }}</span>
      </div>
    </header>
  `,
  styleUrl: './site-header.scss',
})
export class SiteHeader {
  protected readonly icons = { logout: logoutIcon, translate: translateIcon };
  private readonly i18n = inject(I18n);
  private readonly centre = inject(CentreStore).centre;
  private readonly quickExit = inject(QuickExit);
  private readonly session = inject(SessionStore);
  private readonly drafts = inject(Drafts);
  private readonly window = inject(DOCUMENT).defaultView;

  protected readonly text = this.i18n.select(SHELL_TEXT);
  protected readonly centreName = computed(() => this.centre()?.name ?? this.text().portalName);
  protected readonly loggedIn = this.session.loggedIn;
  protected readonly otherLanguage = computed(() => (this.i18n.language() === 'de' ? 'en' : 'de'));

  protected switchLanguage(): void {
    this.i18n.use(this.otherLanguage());
  }

  protected async logout(): Promise<void> {
    // Unsent text lives in memory only: say so before it is wiped with the keys.
    if (this.drafts.anyUnsent() && !this.window?.confirm(this.text().logoutUnsent)) {
      return;
    }
    await this.session.logout();
  }

  protected leave(): void {
    this.quickExit.leave();
  }
}
