import { expect, test as base } from '@playwright/test';
import { TEST_EXIT_URL } from './support/global-setup';

export { expect };

/** What the neutral exit page shows; the real one would be a weather or news site. */
export const NEUTRAL_PAGE_TEXT = 'Das Wetter für heute';

interface PortalFixtures {
  /** Requests the page made to any origin other than the portal's, which fail the test. */
  foreignRequests: string[];
  /** Errors the page threw or logged, including blocked content (CSP violations). */
  pageErrors: string[];
}

/**
 * The `test` every browser test uses. It points the browser at the running portal, blocks and
 * records every request to another origin (DESIGN.md section 5: no third parties), answers the
 * quick-exit page locally, and fails the test on any request elsewhere or any page error.
 */
export const test = base.extend<PortalFixtures>({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env['PORTAL_URL'];
    if (!url) {
      throw new Error('PORTAL_URL is not set: run the tests through the Playwright config');
    }
    await use(url);
  },

  // eslint-disable-next-line no-empty-pattern
  foreignRequests: async ({}, use) => {
    await use([]);
  },

  // eslint-disable-next-line no-empty-pattern
  pageErrors: async ({}, use) => {
    await use([]);
  },

  context: async ({ context, baseURL, foreignRequests }, use) => {
    const portalOrigin = new URL(baseURL ?? '').origin;
    const exitOrigin = new URL(TEST_EXIT_URL).origin;
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === portalOrigin) {
        await route.continue();
      } else if (url.origin === exitOrigin) {
        await route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="de"><meta charset="utf-8"><title>Wetter</title><h1>${NEUTRAL_PAGE_TEXT}</h1></html>`,
        });
      } else {
        foreignRequests.push(url.href);
        await route.abort('blockedbyclient');
      }
    });
    await use(context);
    // eslint-disable-next-line playwright/no-standalone-expect -- checked after every test
    expect(foreignRequests, 'requests to origins other than the portal').toEqual([]);
  },

  page: async ({ page, pageErrors, baseURL }, use) => {
    // The landing page arrives prerendered and the app takes over a moment later: wait for it, so
    // that a test does not click a button before its handler exists.
    const portalOrigin = new URL(baseURL ?? '').origin;
    const whenStarted = async () => {
      if (new URL(page.url()).origin === portalOrigin) {
        await page.locator('cf-root[ng-version]').waitFor({ state: 'attached' });
      }
    };
    const goto = page.goto.bind(page);
    page.goto = async (...args: Parameters<typeof goto>) => {
      const response = await goto(...args);
      await whenStarted();
      return response;
    };
    const reload = page.reload.bind(page);
    page.reload = async (...args: Parameters<typeof reload>) => {
      const response = await reload(...args);
      await whenStarted();
      return response;
    };
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        pageErrors.push(message.text());
      }
    });
    await use(page);
    // eslint-disable-next-line playwright/no-standalone-expect -- checked after every test
    expect(pageErrors, 'errors in the page').toEqual([]);
  },
});
