import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, Signal, signal } from '@angular/core';

/** Languages of the portal; German is the default, English the second language. */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The texts of one part of the UI in every language; the compiler checks that none is missing. */
export type Catalog<T> = Record<Language, T>;

/**
 * The current language, switched at runtime without a reload: a reload would drop the keys that
 * live only in memory. The choice itself is kept in memory too, so the browser keeps no trace.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>('de');

  readonly language = this.current.asReadonly();

  use(language: Language): void {
    this.current.set(language);
    this.document.documentElement.lang = language;
  }

  /** The part of a catalog for the current language, updating when the language changes. */
  select<T>(catalog: Catalog<T>): Signal<T> {
    return computed(() => catalog[this.current()]);
  }
}
