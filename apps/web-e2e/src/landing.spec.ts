import { expect, test } from './fixtures';

test.describe('landing page', () => {
  test('explains the service in German by default', async ({ page }) => {
    await page.goto('/');

    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page).toHaveTitle('Online-Beratung');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Schreiben Sie uns – anonym und vertraulich' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Frauenberatung Teststadt' })).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Wer Ihre Nachrichten lesen kann' }),
    ).toBeVisible();
    // The one wording of who reads and of the retention rule (PORTAL_TRUTHS), as on every page.
    await expect(
      page.getByText(/Sobald eine Beraterin sie übernimmt, lesen sie nur noch Sie/),
    ).toBeVisible();
    await expect(
      page.getByText(
        /6 Monate nach dem Ende der Beratung oder nach Ihrer letzten Anmeldung oder Nachricht/,
      ),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'So bleiben Sie sicher' })).toBeVisible();
    await expect(page.getByText('innerhalb von 3 Tagen').first()).toBeVisible();
    const footer = page.getByRole('contentinfo');
    await expect(footer).toContainText('Wir antworten in der Regel innerhalb von 3 Tagen.');
    await expect(footer.getByRole('link', { name: '030 123 456 78' })).toHaveAttribute(
      'href',
      'tel:03012345678',
    );
  });

  test("shows the centre's number on the first screen of a 360 × 640 phone, as a tel: link", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto('/');
    const callNow = page.locator('.intro').getByRole('link', { name: '030 123 456 78' });
    await expect(callNow).toHaveAttribute('href', 'tel:03012345678');
    await expect(callNow).toBeInViewport({ ratio: 1 });
  });

  test('switches to English and back without reloading', async ({ page }) => {
    await page.goto('/');
    const marker = await page.evaluate(() => ((window as { marker?: number }).marker = 42));

    await page.getByRole('button', { name: 'Switch to English' }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle('Online counselling');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Write to us – anonymously and in confidence' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Leave this site quickly' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('We usually answer within 3 days.');
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(marker);

    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('button', { name: 'Seite schnell verlassen' })).toBeVisible();
  });

  test('links to the privacy and imprint pages and moves focus to them', async ({ page }) => {
    await page.goto('/');

    await page.getByRole('link', { name: 'Datenschutz' }).click();

    await expect(page).toHaveURL(/\/datenschutz$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Datenschutz' })).toBeVisible();
    await expect(page.getByRole('main')).toBeFocused();
    await expect(page).toHaveTitle('Datenschutz');

    await page.getByRole('link', { name: 'Impressum' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Frauenberatung Teststadt');
  });

  test('opens an app route directly, as after a reload', async ({ page }) => {
    await page.goto('/impressum');

    await expect(page.getByRole('heading', { level: 1, name: 'Impressum' })).toBeVisible();
  });

  test('keeps nothing in the browser storage', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('link', { name: 'Privacy' }).click();

    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookies: document.cookie,
      databases: (await indexedDB.databases()).length,
    }));
    expect(stored).toEqual({ local: 0, session: 0, cookies: '', databases: 0 });
  });
});
