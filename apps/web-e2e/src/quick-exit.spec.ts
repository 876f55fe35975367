import { expect, NEUTRAL_PAGE_TEXT, test } from './fixtures';
import { TEST_EXIT_URL } from './support/global-setup';
import {
  expectLeftForTheNeutralPage,
  isUncovered,
  PHONE,
  quickExitButton,
} from './support/quick-exit';

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
