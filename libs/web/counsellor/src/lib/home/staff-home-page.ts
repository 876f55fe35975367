import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Roles } from '@confidant/shared/api-interfaces';
import { I18n, SessionStore, StaffRoutes } from '@confidant/web/core';
import { Icon, keyIcon, lockIcon } from '@confidant/web/ui';
import { STAFF_HOME_TEXT } from './staff-home.text';

/**
 * Where a counsellor or lead lands after login: who she is, whether she holds the team key, and
 * for leads the way to team administration. The session is asked again on arrival and on request,
 * so a team key granted meanwhile shows up (and a session ended by a lead ends here too).
 */
@Component({
  selector: 'cf-staff-home-page',
  imports: [RouterLink, MatAnchor, MatButton, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      @if (account(); as account) {
        <h1>{{ text().greeting(account.displayName || account.username) }}</h1>
        <p>{{ text().signedInAs(account.username, text().roles[account.role]) }}</p>

        <section class="card" aria-labelledby="team-key-title">
          <h2 id="team-key-title">{{ text().teamKeyTitle }}</h2>
          <p class="status" [class.missing]="!hasTeamKey()" data-testid="team-key-status">
            <cf-icon [svg]="hasTeamKey() ? keyIcon : lockIcon" />
            <span>{{ hasTeamKey() ? text().hasTeamKey : text().noTeamKey }}</span>
          </p>
          <div class="actions">
            <button mat-stroked-button type="button" [disabled]="busy()" (click)="refresh()">
              {{ text().refresh }}
            </button>
            <span role="status">
              @if (refreshed()) {
                {{ text().refreshed }}
              }
            </span>
          </div>
          <p>{{ text().queueLater }}</p>
        </section>

        @if (isLead()) {
          <section class="card" aria-labelledby="team-title">
            <h2 id="team-title">{{ text().teamTitle }}</h2>
            <p>{{ text().teamIntro }}</p>
            <div class="actions">
              <a mat-flat-button [routerLink]="['/', routes.team]">{{ text().toTeam }}</a>
            </div>
          </section>
        }
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .status {
      display: flex;
      gap: 8px;
      align-items: flex-start;
    }

    .status.missing {
      color: var(--mat-sys-on-surface);
      font-weight: 500;
    }
  `,
})
export class StaffHomePage implements OnInit {
  private readonly session = inject(SessionStore);

  protected readonly text = inject(I18n).select(STAFF_HOME_TEXT);
  protected readonly routes = StaffRoutes;
  protected readonly keyIcon = keyIcon;
  protected readonly lockIcon = lockIcon;
  protected readonly account = this.session.account;
  protected readonly hasTeamKey = this.session.hasTeamKey;
  protected readonly isLead = computed(() => this.account()?.role === Roles.lead);
  protected readonly busy = signal(false);
  protected readonly refreshed = signal(false);

  ngOnInit(): void {
    void this.reloadSession(false);
  }

  protected refresh(): Promise<void> {
    return this.reloadSession(true);
  }

  /** A 401 here means a lead ended her access: the interceptor takes her to the login page. */
  private async reloadSession(announce: boolean): Promise<void> {
    this.busy.set(true);
    this.refreshed.set(false);
    try {
      await this.session.stayLoggedIn();
      this.refreshed.set(announce);
    } catch {
      // Offline, or the session ended (handled by the interceptor): nothing more to show.
    } finally {
      this.busy.set(false);
    }
  }
}
