import { expect, NEUTRAL_PAGE_TEXT, test } from './fixtures';
import { TEST_EXIT_URL } from './support/global-setup';

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
