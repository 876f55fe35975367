import { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';
import { readRecoveryCode, strongPassword, uniqueUsername } from './support/client-account';

/** DevTools' Fast 3G preset: 562.5 ms latency, 180 000 bytes/s down, 84 375 bytes/s up. */
const FAST_3G = { latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
/** At most this much JavaScript (gzip) may be asked for before the register form can be used. */
const MAX_JS_BEFORE_USABLE = 150 * 1024;

declare global {
  interface Window {
    registerUsableAt?: number;
  }
}

/**
 * Runs before the portal's own scripts: notes performance.now() at the first moment the register
 * form is usable (its fields and an enabled submit button are in the page), from a MutationObserver,
 * so the moment is exact rather than one polling interval late.
 */
function watchUsable(): void {
  const observer = new MutationObserver(() => {
    const form = document.querySelector('cf-register-page form');
    const button = form?.querySelector<HTMLButtonElement>('button[type=submit]');
    if (form?.querySelector('input[autocomplete=username]') && button && !button.disabled) {
      window.registerUsableAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/** Opens the register page under Fast 3G in this context; returns when its form is usable. */
async function openRegisterOnFast3g(context: BrowserContext, page: Page): Promise<number> {
  await context.addInitScript(watchUsable);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...FAST_3G });
  await page.goto('/registrieren');
  const usable = await page.waitForFunction(() => window.registerUsableAt, null, {
    timeout: 60_000,
  });
  return (await usable.jsonValue()) as number;
}

/** Same-origin scripts whose request started before `before` (ms since navigation), gzip-sized. */
async function scriptsRequestedBefore(
  page: Page,
  request: APIRequestContext,
  before: number,
): Promise<{ files: string[]; gzipBytes: number }> {
  const files = await page.evaluate(
    (limit) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime < limit)
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.endsWith('.js')),
    before,
  );
  let gzipBytes = 0;
  for (const file of new Set(files)) {
    const response = await request.get(file);
    expect(response.ok(), `GET ${file}`).toBe(true);
    gzipBytes += gzipSync(await response.body()).length;
  }
  return { files, gzipBytes };
}

async function fillForm(page: Page, password: string): Promise<void> {
  await page.getByLabel('Benutzername').fill(uniqueUsername('light'));
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
}

test.describe('a light register page on a phone network (Fast 3G)', () => {
  // Throttled loads of the page and of the password check's dictionaries, then 600 000 PBKDF2
  // iterations in the browser: longer than a page check.
  test.slow();

  test('the form is usable after at most 150 KB of JavaScript, says the check is loading, and an early submit makes the account', async ({
    context,
    page,
    request,
  }) => {
    const usable = await openRegisterOnFast3g(context, page);

    const loading = page.locator('[aria-live=polite]', {
      hasText: 'Die Passwortprüfung wird geladen',
    });
    await expect(loading).toBeVisible();

    // Submit at once, while the dictionaries are still on their way: the button says it waits.
    await fillForm(page, strongPassword());
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    const busy = page.getByRole('button', { name: 'Passwort wird geprüft …' });
    await expect(busy).toBeVisible();
    await expect(busy).toBeDisabled();
    await expect(page.getByRole('status')).toContainText('Die Passwortprüfung wird noch geladen');

    await expect(page.locator('.code .group')).toHaveCount(8, { timeout: 60_000 });
    expect(await readRecoveryCode(page)).toMatch(
      /^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/,
    );

    const before = await scriptsRequestedBefore(page, request, usable);
    expect(
      before.gzipBytes,
      `JavaScript asked for before the form was usable (${before.files.join(', ')})`,
    ).toBeLessThanOrEqual(MAX_JS_BEFORE_USABLE);
  });

  test('an early submit of an easy password waits for the check and is refused, not sent', async ({
    context,
    page,
  }) => {
    await openRegisterOnFast3g(context, page);
    const registrations: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/auth/register')) {
        registrations.push(r.url());
      }
    });

    await fillForm(page, 'passwort123');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await expect(page.getByRole('button', { name: 'Passwort wird geprüft …' })).toBeDisabled();

    await expect(page.getByText('Dieses Passwort ist zu leicht zu erraten')).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole('button', { name: 'Konto anlegen' })).toBeEnabled();
    await expect(page.getByLabel('Passwort', { exact: true })).toBeFocused();
    expect(registrations).toEqual([]);
  });
});
