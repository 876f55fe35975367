import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { CentreStore, I18n } from '@confidant/web/core';
import { PhoneLink } from '../layout/phone-link';
import { LANDING_TEXT } from './landing.text';

/** What the service is, in plain words, for someone who arrives for the first time. */
@Component({
  selector: 'cf-landing-page',
  imports: [MatIcon, PhoneLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './landing-page.html',
  styleUrl: './landing-page.scss',
})
export class LandingPage {
  private readonly centre = inject(CentreStore).centre;

  protected readonly text = inject(I18n).select(LANDING_TEXT);
  protected readonly phone = computed(() => this.centre()?.phone);
  protected readonly steps = computed(() => this.text().steps(this.centre()?.responseDays ?? 3));
  protected readonly deletion = computed(() =>
    this.text().deletion(this.centre()?.retentionMonths ?? 6),
  );
}
