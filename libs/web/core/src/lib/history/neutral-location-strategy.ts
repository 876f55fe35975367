import { APP_BASE_HREF, PathLocationStrategy, PlatformLocation } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/**
 * Keeps the address bar at the portal's neutral start (the base href, `/`) while the router moves
 * between pages in memory. The browser's global history then records one URL for a whole visit,
 * whatever she opened, and the history stack holds one entry, so Back leaves the portal and quick
 * exit, which replaces that entry, leaves nothing to go Back to.
 *
 * The real URL is read once, when the app starts: an entry link (a setup, invitation or reset link
 * with its token in the fragment, or any deep link) opens its page through the router, which hands
 * the fragment to the page, and the address bar shows `/` at once. A reload therefore lands on the
 * neutral start, which sends a locked session to the unlock page (see the landing page).
 */
@Injectable()
export class NeutralLocationStrategy extends PathLocationStrategy {
  private readonly platform: PlatformLocation;
  /** The page the router shows, as `PathLocationStrategy.path(true)` would read it from a URL. */
  private current: string;

  constructor() {
    const platform = inject(PlatformLocation);
    super(platform, inject(APP_BASE_HREF, { optional: true }) ?? undefined);
    this.platform = platform;
    this.current = super.path(true);
    const neutral = this.neutralUrl();
    if (this.current !== neutral) {
      platform.replaceState(platform.getState(), '', neutral);
    }
  }

  override path(includeHash = false): string {
    return includeHash ? this.current : this.current.replace(/#.*$/, '');
  }

  /** Every navigation replaces the one entry, and the address bar keeps showing the start. */
  override pushState(state: unknown, title: string, url: string, queryParams: string): void {
    this.replaceState(state, title, url, queryParams);
  }

  override replaceState(state: unknown, title: string, url: string, queryParams: string): void {
    this.current = this.prepareExternalUrl(url + normalizeQuery(queryParams));
    this.platform.replaceState(state, title, this.neutralUrl());
  }

  private neutralUrl(): string {
    return this.prepareExternalUrl('');
  }
}

function normalizeQuery(query: string): string {
  return query && !query.startsWith('?') ? `?${query}` : query;
}
