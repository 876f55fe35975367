import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import { SessionStore } from '../session/session-store';

/**
 * What she has written but not yet sent: the composer's text per conversation (or per new
 * enquiry) and the number of messages still sending or failed. In memory only (DESIGN.md section
 * 5): it survives moving between pages of the portal, and nothing else. A reload, Back out of the
 * portal (the router keeps the portal at one history entry, so Back leaves it) and Forward into it
 * again, closing the tab, logout and quick exit all lose it; `DRAFTS_TEXT` says so under
 * every composer. Leaving with unsent text asks the browser to warn her (`beforeunload`: a reload,
 * Back, closing the tab); logout asks in the page; quick exit never asks, because the session is
 * wiped before the page is replaced.
 */
@Injectable({ providedIn: 'root' })
export class Drafts {
  private readonly texts = signal<ReadonlyMap<string, string>>(new Map());
  private readonly pending = signal<ReadonlyMap<string, number>>(new Map());

  /** True while any text is written but not stored by the server. */
  readonly anyUnsent = computed(
    () =>
      [...this.texts().values()].some((text) => text.trim().length > 0) ||
      [...this.pending().values()].some((count) => count > 0),
  );

  constructor() {
    inject(SessionStore).onWipe(() => this.clear());
    const window = inject(DOCUMENT).defaultView;
    window?.addEventListener('beforeunload', (event) => {
      if (this.anyUnsent()) {
        event.preventDefault();
      }
    });
  }

  text(key: string): string {
    return this.texts().get(key) ?? '';
  }

  setText(key: string, text: string): void {
    this.texts.update((texts) => new Map(texts).set(key, text));
  }

  /** Messages of this conversation that are sending or failed (shown with a retry). */
  setPending(key: string, count: number): void {
    this.pending.update((pending) => new Map(pending).set(key, count));
  }

  clear(): void {
    this.texts.set(new Map());
    this.pending.set(new Map());
  }
}
