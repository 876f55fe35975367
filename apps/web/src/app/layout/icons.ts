import { inject } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';

/** Material Symbols copied from `@material-symbols/svg-400` into `/icons` at build time. */
export const ICONS = [
  'call',
  'delete_forever',
  'lock',
  'logout',
  'mail',
  'person_off',
  'shield',
  'translate',
] as const;

/** Registers the self-hosted icons; nothing is fetched from another origin. */
export function registerIcons(): void {
  const registry = inject(MatIconRegistry);
  const sanitizer = inject(DomSanitizer);
  for (const name of ICONS) {
    registry.addSvgIcon(name, sanitizer.bypassSecurityTrustResourceUrl(`icons/${name}.svg`));
  }
}
