import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { CentreStore, I18n } from '@confidant/web/core';
import { PhoneLink } from '../layout/phone-link';
import { LEGAL_TEXT } from './legal.text';

@Component({
  selector: 'cf-imprint-page',
  imports: [PhoneLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="legal">
      <h1>{{ text().imprintTitle }}</h1>
      @if (centre(); as centre) {
        <p>{{ text().imprintProvider }}</p>
        <p class="provider">{{ centre.name }}</p>
        <p>{{ text().imprintPhone }} <cf-phone-link [phone]="centre.phone" /></p>
      }
      <p>{{ text().imprintNote }}</p>
    </article>
  `,
  styleUrl: './legal.scss',
})
export class ImprintPage {
  protected readonly centre = inject(CentreStore).centre;
  protected readonly text = inject(I18n).select(LEGAL_TEXT);
}
