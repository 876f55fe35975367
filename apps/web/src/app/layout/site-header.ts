import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { CentreStore, I18n, QuickExit, SessionStore } from '@confidant/web/core';
import { SHELL_TEXT } from './shell.text';

@Component({
  selector: 'cf-site-header',
  imports: [MatButton, MatIcon, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="site-header">
      <a class="brand" routerLink="/">{{ centreName() }}</a>
      <div class="actions">
        <button
          mat-button
          type="button"
          class="language"
          [attr.lang]="otherLanguage()"
          [attr.aria-label]="text().switchLanguageLabel"
          (click)="switchLanguage()"
        >
          <mat-icon svgIcon="translate" aria-hidden="true" />
          {{ text().switchLanguage }}
        </button>
        @if (loggedIn()) {
          <button mat-stroked-button type="button" class="logout" (click)="logout()">
            {{ text().logout }}
          </button>
        }
        <button
          mat-flat-button
          type="button"
          class="quick-exit"
          aria-describedby="quick-exit-hint"
          (click)="leave()"
        >
          <mat-icon svgIcon="logout" aria-hidden="true" />
          {{ text().quickExit }}
        </button>
        <span id="quick-exit-hint" class="hint">{{ text().quickExitHint }}</span>
      </div>
    </header>
  `,
  styleUrl: './site-header.scss',
})
export class SiteHeader {
  private readonly i18n = inject(I18n);
  private readonly centre = inject(CentreStore).centre;
  private readonly quickExit = inject(QuickExit);
  private readonly session = inject(SessionStore);

  protected readonly text = this.i18n.select(SHELL_TEXT);
  protected readonly centreName = computed(() => this.centre()?.name ?? this.text().portalName);
  protected readonly loggedIn = this.session.loggedIn;
  protected readonly otherLanguage = computed(() => (this.i18n.language() === 'de' ? 'en' : 'de'));

  protected switchLanguage(): void {
    this.i18n.use(this.otherLanguage());
  }

  protected logout(): Promise<void> {
    return this.session.logout();
  }

  protected leave(): void {
    this.quickExit.leave();
  }
}
