import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@confidant/shared/api-interfaces';
import { CentreStore, I18n } from '@confidant/web/core';
import { SHELL_TEXT } from './shell.text';
import { PhoneLink } from './phone-link';

@Component({
  selector: 'cf-site-footer',
  imports: [RouterLink, PhoneLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <footer class="site-footer">
      @if (centre(); as centre) {
        <p>{{ text().phoneLabel }} <cf-phone-link [phone]="centre.phone" /></p>
        <p>{{ promise() }}</p>
      }
      <nav [attr.aria-label]="text().footerNavigation">
        <a [routerLink]="['/', routes.privacy]">{{ text().privacy }}</a>
        <a [routerLink]="['/', routes.imprint]">{{ text().imprint }}</a>
      </nav>
    </footer>
  `,
  styleUrl: './site-footer.scss',
})
export class SiteFooter {
  protected readonly routes = WebRoutes;
  protected readonly text = inject(I18n).select(SHELL_TEXT);
  protected readonly centre = inject(CentreStore).centre;
  protected readonly promise = computed(() =>
    this.text().promise(this.centre()?.responseDays ?? 3),
  );
}
