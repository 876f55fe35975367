import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n, StaffRoutes } from '@confidant/web/core';
import { CentreSettingsSection } from './centre-settings-section';
import { InvitationSection } from './invitation-section';
import { StaffListSection } from './staff-list-section';
import { TEAM_TEXT } from './team.text';

/** Team administration for leads: invitations, the team and its keys, the centre's settings. */
@Component({
  selector: 'cf-team-page',
  imports: [RouterLink, InvitationSection, StaffListSection, CentreSettingsSection],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="page">
      <h1>{{ text().title }}</h1>
      <p class="links">
        <a [routerLink]="['/', routes.home]">{{ text().back }}</a>
      </p>
      <cf-invitation-section />
      <cf-staff-list-section />
      <cf-centre-settings-section />
    </article>
  `,
  styleUrl: '../../../../core/src/lib/forms/form-page.scss',
})
export class TeamPage {
  protected readonly text = inject(I18n).select(TEAM_TEXT);
  protected readonly routes = StaffRoutes;
}
