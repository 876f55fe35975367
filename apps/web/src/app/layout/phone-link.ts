import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A phone number that a phone can dial with one tap. */
@Component({
  selector: 'cf-phone-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<a class="phone" [href]="href()">{{ phone() }}</a>`,
  styles: `
    .phone {
      color: var(--mat-sys-primary);
      font-weight: 500;
      white-space: nowrap;
    }
  `,
})
export class PhoneLink {
  readonly phone = input.required<string>();
  protected readonly href = computed(() => `tel:${this.phone().replace(/[^\d+]/g, '')}`);
}
