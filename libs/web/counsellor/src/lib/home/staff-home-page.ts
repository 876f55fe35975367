import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Roles } from '@confidant/shared/api-interfaces';
import { CentreStore, I18n, SessionStore, StaffRoutes } from '@confidant/web/core';
import { Icon, keyIcon, lockIcon } from '@confidant/web/ui';
import { MyConversationsSection } from './my-conversations-section';
import { QueueSection } from './queue-section';
import { STAFF_HOME_TEXT } from './staff-home.text';

/**
 * Where a counsellor or lead lands after login: the team queue, her conversations, and for leads
 * the way to team administration and statistics. The team key is prominent only while she lacks
 * it. The session is asked again on arrival and with "Refresh", so a team key granted meanwhile
 * shows up (and a session ended by a lead ends here too); "Refresh" also fetches the lists again.
 */
@Component({
  selector: 'cf-staff-home-page',
  imports: [RouterLink, MatAnchor, MatButton, Icon, QueueSection, MyConversationsSection],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      @if (account(); as account) {
        <h1>{{ text().greeting(account.displayName || account.username) }}</h1>
        <p>{{ text().signedInAs(account.username, text().roles[account.role]) }}</p>
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

        @if (hasTeamKey()) {
          <p class="status" data-testid="team-key-status">
            <cf-icon [svg]="keyIcon" />
            <span>{{ text().hasTeamKey }}</span>
          </p>
          <cf-queue-section />
        } @else {
          <section class="card missing" aria-labelledby="team-key-title">
            <h2 id="team-key-title">{{ text().teamKeyTitle }}</h2>
            <p class="status" data-testid="team-key-status">
              <cf-icon [svg]="lockIcon" />
              <span>{{ text().noTeamKey }}</span>
            </p>
            <p>{{ text().noTeamKeyLists }}</p>
          </section>
        }

        <cf-my-conversations-section [lead]="isLead()" />

        @if (isLead()) {
          <section class="card" aria-labelledby="lead-title">
            <h2 id="lead-title">{{ text().leadTitle }}</h2>
            <p>{{ text().teamIntro }}</p>
            <div class="actions">
              <a mat-flat-button [routerLink]="['/', routes.team]">{{ text().toTeam }}</a>
            </div>
            <p>{{ text().statisticsIntro }}</p>
            <div class="actions">
              <a mat-stroked-button [routerLink]="['/', routes.statistics]">{{
                text().toStatistics
              }}</a>
            </div>
          </section>
        }
      }
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
  styles: `
    .page {
      max-width: 720px;
    }

    .status {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .missing {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }

    .missing .status {
      font: var(--mat-sys-body-large);
      font-weight: 500;
      color: inherit;
    }
  `,
})
export class StaffHomePage implements OnInit {
  private readonly session = inject(SessionStore);
  private readonly centre = inject(CentreStore);
  private readonly queue = viewChild(QueueSection);
  private readonly mine = viewChild(MyConversationsSection);

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
    // The promise markers need the centre's response days.
    this.centre.load();
    void this.reloadSession();
  }

  /** The session (for a team key granted meanwhile) and both lists, fetched again. */
  protected async refresh(): Promise<void> {
    this.busy.set(true);
    this.refreshed.set(false);
    const [session] = await Promise.all([
      this.reloadSession(),
      this.queue()?.load(),
      this.mine()?.load(),
    ]);
    this.refreshed.set(session);
    this.busy.set(false);
  }

  /** A 401 here means a lead ended her access: the interceptor takes her to the login page. */
  private async reloadSession(): Promise<boolean> {
    try {
      await this.session.stayLoggedIn();
      return true;
    } catch {
      // Offline, or the session ended (handled by the interceptor): nothing more to show.
      return false;
    }
  }
}
