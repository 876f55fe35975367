import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';

/**
 * A decorative icon: one of the bundled SVGs from `icons.ts`, drawn in the current text colour and
 * hidden from screen readers (the text next to it says what it means).
 */
@Component({
  selector: 'cf-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
  host: { 'aria-hidden': 'true', class: 'cf-icon', '[innerHTML]': 'markup()' },
  styles: `
    :host {
      display: inline-flex;
      width: 24px;
      height: 24px;
      flex: none;
    }

    :host ::ng-deep svg {
      width: 100%;
      height: 100%;
      fill: currentColor;
    }
  `,
})
export class Icon {
  private readonly sanitizer = inject(DomSanitizer);

  /** The SVG markup, from `icons.ts` only (it is trusted as it is). */
  readonly svg = input.required<string>();

  protected readonly markup = computed(() => this.sanitizer.bypassSecurityTrustHtml(this.svg()));
}
