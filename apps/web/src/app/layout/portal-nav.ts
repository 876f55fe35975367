import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { Roles } from '@confidant/shared/api-interfaces';
import { AccountRoutes, I18n, SessionStore, StaffRoutes } from '@confidant/web/core';
import { SHELL_TEXT } from './shell.text';

interface NavLink {
  path: string;
  label: string;
}

/** The sections of the portal for the logged-in person: her messages and account, or the staff's work. */
@Component({
  selector: 'cf-portal-nav',
  imports: [RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (links().length > 0) {
      <nav [attr.aria-label]="text().nav.label">
        <ul>
          @for (link of links(); track link.path) {
            <li>
              <a
                [routerLink]="link.path"
                routerLinkActive="active"
                [routerLinkActiveOptions]="{ exact: false }"
                ariaCurrentWhenActive="page"
                >{{ link.label }}</a
              >
            </li>
          }
        </ul>
      </nav>
    }
  `,
  styles: `
    nav {
      background: var(--mat-sys-surface-container-low);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      padding: 0 8px;
    }

    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      list-style: none;
      margin: 0 auto;
      padding: 0;
      max-width: 720px;
    }

    a {
      display: inline-block;
      padding: 12px;
      min-height: 24px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      border-bottom: 3px solid transparent;
    }

    a.active {
      border-bottom-color: var(--mat-sys-primary);
      color: var(--mat-sys-primary);
    }

    a:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -2px;
    }
  `,
})
export class PortalNav {
  private readonly session = inject(SessionStore);

  protected readonly text = inject(I18n).select(SHELL_TEXT);
  protected readonly links = computed<NavLink[]>(() => {
    if (this.session.status() !== 'unlocked') {
      return [];
    }
    const nav = this.text().nav;
    const role = this.session.account()?.role;
    if (role === Roles.client) {
      return [
        { path: `/${AccountRoutes.inbox}`, label: nav.inbox },
        { path: `/${AccountRoutes.appointments}`, label: nav.appointments },
        { path: `/${AccountRoutes.account}`, label: nav.account },
      ];
    }
    const staff = [{ path: `/${StaffRoutes.home}`, label: nav.counselling }];
    return role === Roles.lead
      ? [
          ...staff,
          { path: `/${StaffRoutes.statistics}`, label: nav.statistics },
          { path: `/${StaffRoutes.team}`, label: nav.team },
        ]
      : staff;
  });
}
