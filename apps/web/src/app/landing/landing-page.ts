import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AccountRoutes, CentreStore, I18n, SessionStore } from '@confidant/web/core';
import {
  callIcon,
  deleteForeverIcon,
  Icon,
  lockIcon,
  mailIcon,
  personOffIcon,
  shieldIcon,
} from '@confidant/web/ui';
import { PhoneLink } from '../layout/phone-link';
import { LANDING_TEXT } from './landing.text';

/** What the service is, in plain words, for someone who arrives for the first time. */
@Component({
  selector: 'cf-landing-page',
  imports: [Icon, RouterLink, PhoneLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './landing-page.html',
  styleUrl: './landing-page.scss',
})
export class LandingPage {
  private readonly centre = inject(CentreStore).centre;

  protected readonly icons = {
    call: callIcon,
    deleteForever: deleteForeverIcon,
    lock: lockIcon,
    mail: mailIcon,
    personOff: personOffIcon,
    shield: shieldIcon,
  };

  protected readonly text = inject(I18n).select(LANDING_TEXT);
  protected readonly routes = AccountRoutes;
  protected readonly loggedIn = inject(SessionStore).loggedIn;
  protected readonly phone = computed(() => this.centre()?.phone);
  protected readonly steps = computed(() => this.text().steps(this.centre()?.responseDays ?? 3));
  protected readonly deletion = computed(() =>
    this.text().deletion(this.centre()?.retentionMonths ?? 6),
  );
}
