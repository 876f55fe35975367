import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { CentreStore } from '../centre/centre-store';

/** Two presses of Escape within this many milliseconds leave the portal. */
export const QUICK_EXIT_KEY_WINDOW_MS = 800;

/** Marks quick-exit buttons, so that the script serving quick exit before the app starts finds them. */
export const QUICK_EXIT_MARKER = 'data-quick-exit';

/** Tells that script (`quick-exit-before-boot.js`) that the app serves quick exit from now on. */
export const QUICK_EXIT_HANDOVER_EVENT = 'confidant-quick-exit-ready';

/**
 * Leaves the portal at once for the centre's neutral page, for a client who is being watched.
 * Everything in memory is wiped first, the page is blanked, and the portal's history entry is
 * replaced, so that Back does not lead to it (the router keeps the portal at one history entry,
 * see `NeutralLocationStrategy`).
 *
 * Until the app has started, `quick-exit-before-boot.js` (a global script of the web build) does
 * the same; `takeOver()` ends its part.
 */
@Injectable({ providedIn: 'root' })
export class QuickExit {
  private readonly document = inject(DOCUMENT);
  private readonly centre = inject(CentreStore);
  private readonly wipers = new Set<() => void>();
  private lastEscape = Number.NEGATIVE_INFINITY;

  /** Registers something that holds sensitive state in memory; it is cleared on exit. */
  onExit(wipe: () => void): () => void {
    this.wipers.add(wipe);
    return () => this.wipers.delete(wipe);
  }

  leave(): void {
    for (const wipe of this.wipers) {
      try {
        wipe();
      } catch {
        // Leaving must never fail because one part could not clean up.
      }
    }
    this.wipers.clear();
    const exitUrl = this.centre.exitUrl();
    this.document.title = '';
    this.document.body.replaceChildren();
    this.document.location.replace(exitUrl);
  }

  /**
   * Called once the app's own quick-exit button and shortcut are in place: the script that served
   * quick exit before the app started removes its handlers and its button, so only one answers.
   */
  takeOver(): void {
    this.document.dispatchEvent(new Event(QUICK_EXIT_HANDOVER_EVENT));
  }

  /** Keyboard shortcut: Escape twice in quick succession. Returns true when it left. */
  handleKey(event: KeyboardEvent, now = Date.now()): boolean {
    if (event.key !== 'Escape' || event.repeat) {
      return false;
    }
    if (now - this.lastEscape <= QUICK_EXIT_KEY_WINDOW_MS) {
      this.leave();
      return true;
    }
    this.lastEscape = now;
    return false;
  }
}
