import AxeBuilder from '@axe-core/playwright';
import { BrowserContext, Page } from '@playwright/test';
import { expect, NEUTRAL_PAGE_TEXT, test } from './fixtures';
import { TEST_EXIT_URL } from './support/global-setup';
import {
  expectLeftForTheNeutralPage,
  isUncovered,
  PHONE,
  quickExitButton,
} from './support/quick-exit';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

test.describe('quick exit', () => {
  test('the button leads to the neutral page and Back does not return', async ({
    page,
    baseURL,
  }) => {
    await page.goto('/');
    // Pages opened inside the portal must not leave a trail in the history either.
    await page.getByRole('link', { name: 'Datenschutz' }).click();
    await page.getByRole('link', { name: 'Impressum' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible();

    await page.getByRole('button', { name: 'Seite schnell verlassen' }).click();

    await expect(page).toHaveURL(TEST_EXIT_URL);
    await expect(page.getByRole('heading', { name: NEUTRAL_PAGE_TEXT })).toBeVisible();

    await page.goBack();
    expect(page.url().startsWith(baseURL ?? 'missing')).toBe(false);
    expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(2);
  });

  test('pressing Escape twice leaves at once', async ({ page, baseURL }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await expect(page).toHaveURL(TEST_EXIT_URL);
    await page.goBack();
    expect(page.url().startsWith(baseURL ?? 'missing')).toBe(false);
  });

  test('a single Escape, as when closing a menu, does not leave', async ({ page, baseURL }) => {
    await page.clock.install();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await page.keyboard.press('Escape');
    await page.clock.fastForward(1000);
    await page.keyboard.press('Escape');

    expect(page.url().startsWith(baseURL ?? 'missing')).toBe(true);
  });
});

test.describe('quick exit on every width', () => {
  for (const viewport of [PHONE, { width: 800, height: 600 }, { width: 1280, height: 720 }]) {
    test(`is on screen at the end of a long page, ${viewport.width} × ${viewport.height}`, async ({
      page,
      baseURL,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto('/datenschutz');
      const footer = page.getByRole('contentinfo');
      await expect(footer).toContainText('Tagen');

      await footer.scrollIntoViewIfNeeded();
      // Scrolled by well more than the header's height.
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(120);
      await expect(quickExitButton(page)).toBeInViewport({ ratio: 1 });
      expect(await isUncovered(quickExitButton(page))).toBe(true);

      await quickExitButton(page).click();

      await expectLeftForTheNeutralPage(page, baseURL);
    });
  }
});

test.describe('quick exit before the app has started', () => {
  test.use({ viewport: PHONE });

  async function violations(page: Page, selector?: string): Promise<string[]> {
    const axe = new AxeBuilder({ page }).withTags(WCAG_21_AA);
    const results = await (selector ? axe.include(selector) : axe).analyze();
    return results.violations.map((violation) => violation.id);
  }

  /**
   * Opens a page whose application scripts never arrive, as on a slow connection: they are
   * aborted. A page of its own, without the fixture's wait for the app to start.
   */
  async function openBeforeBoot(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    const aborted: string[] = [];
    await page.route(/\/(main|chunk)-[A-Z0-9]{8}\.js$/, (route) => {
      aborted.push(new URL(route.request().url()).pathname);
      return route.abort();
    });
    await page.goto(path);
    // The app's entry point was asked for and never arrived.
    expect(aborted).toContainEqual(expect.stringMatching(/^\/main-/));
    return page;
  }

  test('a page that arrives as an empty shell has the button, and it leaves', async ({
    context,
    baseURL,
  }) => {
    const page = await openBeforeBoot(context, '/datenschutz');

    const quickExit = quickExitButton(page);
    await expect(quickExit).toBeInViewport({ ratio: 1 });
    await expect(quickExit).toHaveAccessibleDescription('Oder zweimal die Esc-Taste drücken.');
    // The page itself is still empty: only the button is checked.
    expect(await violations(page, '.cf-quick-exit-before-boot')).toEqual([]);

    await quickExit.click();

    await expectLeftForTheNeutralPage(page, baseURL);
  });

  test("the prerendered landing page's button leaves", async ({ context, baseURL }) => {
    // axe over the whole landing page took 30 s once on a machine loaded to 20.
    test.setTimeout(60_000);
    const page = await openBeforeBoot(context, '/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await expect(quickExitButton(page)).toBeInViewport({ ratio: 1 });
    expect(await violations(page)).toEqual([]);
    await quickExitButton(page).click();

    await expectLeftForTheNeutralPage(page, baseURL);
  });

  for (const path of ['/', '/anmelden']) {
    test(`Escape pressed twice leaves ${path}`, async ({ context, baseURL }) => {
      const page = await openBeforeBoot(context, path);
      await expect(quickExitButton(page)).toBeVisible();

      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      await expectLeftForTheNeutralPage(page, baseURL);
    });
  }

  test('once the app has started, only its own button is there', async ({ page }) => {
    await page.goto('/datenschutz');

    await expect(quickExitButton(page)).toHaveCount(1);
    await expect(page.locator('.cf-quick-exit-before-boot')).toHaveCount(0);
  });
});
