/**
 * Quick exit before the app has started. On a slow connection the application's scripts take
 * seconds to arrive; until then this small script (a global script of the web build: its own file,
 * pinned by its hash like the others, never inline, so the CSP stays `script-src 'self'`) serves
 * the quick exit:
 *
 * - a click on any element marked `data-quick-exit` (the header's button, already there in the
 *   prerendered landing page) leaves;
 * - pages that arrive without one (every page but the landing is an empty shell until the app has
 *   started) get a quick-exit button of their own, fixed at the top;
 * - Escape pressed twice within 800 ms leaves.
 *
 * Leaving does what `QuickExit.leave()` does: the page is blanked and its history entry replaced by
 * the centre's neutral page, read from the settings the server writes into every page (the meta
 * element `confidant-centre`). Nothing is in memory yet that would need wiping.
 *
 * When the app has started, `QuickExit.takeOver()` dispatches `confidant-quick-exit-ready` on the
 * document: this script then removes its listeners and its button, so that exactly one handler
 * answers. The build inserts this script before the app's own and both are deferred, so it always
 * runs first. The names here must match those exported by `quick-exit.ts` (the spec checks them).
 */
(function quickExitBeforeBoot() {
  'use strict';

  const KEY_WINDOW_MS = 800;
  const MARKER = 'data-quick-exit';
  const HANDOVER_EVENT = 'confidant-quick-exit-ready';
  const CENTRE_META = 'confidant-centre';
  const FALLBACK_EXIT_URL = 'https://www.wetter.com/';
  const OWN_BUTTON_ID = 'cf-quick-exit-before-boot';

  const doc = document;

  function exitUrl() {
    const meta = doc.querySelector('meta[name="' + CENTRE_META + '"]');
    try {
      const url = new URL(JSON.parse(meta.getAttribute('content')).exitUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        return url.href;
      }
    } catch {
      // No settings in the page (the development server), or unreadable ones.
    }
    return FALLBACK_EXIT_URL;
  }

  function leave() {
    const target = exitUrl();
    doc.title = '';
    doc.body.replaceChildren();
    doc.location.replace(target);
  }

  function leaveOnClick(event) {
    const target = event.target;
    if (target instanceof Element && target.closest('[' + MARKER + ']')) {
      event.preventDefault();
      leave();
    }
  }

  let lastEscape = Number.NEGATIVE_INFINITY;
  function leaveOnShortcut(event) {
    if (event.key !== 'Escape' || event.repeat) {
      return;
    }
    const now = Date.now();
    if (now - lastEscape <= KEY_WINDOW_MS) {
      leave();
      return;
    }
    lastEscape = now;
  }

  /** The same button as the header's, in German (the portal's language until she switches). */
  function addOwnButton() {
    const bar = doc.createElement('div');
    bar.className = 'cf-quick-exit-before-boot';
    const button = doc.createElement('button');
    button.type = 'button';
    button.id = OWN_BUTTON_ID;
    button.className = 'cf-button cf-button--danger';
    button.setAttribute(MARKER, '');
    button.setAttribute('aria-describedby', OWN_BUTTON_ID + '-hint');
    button.textContent = 'Seite schnell verlassen';
    const hint = doc.createElement('span');
    hint.id = OWN_BUTTON_ID + '-hint';
    hint.className = 'cf-visually-hidden';
    hint.textContent = 'Oder zweimal die Esc-Taste drücken.';
    bar.append(button, hint);
    doc.body.prepend(bar);
    return bar;
  }

  const ownButton = doc.querySelector('[' + MARKER + ']') ? null : addOwnButton();
  doc.addEventListener('click', leaveOnClick);
  doc.addEventListener('keydown', leaveOnShortcut);
  doc.addEventListener(
    HANDOVER_EVENT,
    function handOver() {
      doc.removeEventListener('click', leaveOnClick);
      doc.removeEventListener('keydown', leaveOnShortcut);
      if (ownButton) {
        ownButton.remove();
      }
    },
    { once: true },
  );
})();
