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

  test('the app adopts the prerendered page instead of drawing it again', async ({ context }) => {
    // A page of its own: the fixture's page.goto would wait for the app, which is held back here
    // until the prerendered heading has been marked.
    const page = await context.newPage();
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/main-[A-Z0-9]{8}\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/', { waitUntil: 'commit' });
    const heading = page.getByRole('heading', { level: 1 });
    // Scripts are deferred: the page has been parsed and painted while the app is held.
    await expect(heading).toBeVisible();
    await heading.evaluate(
      (element) => ((element as { prerendered?: boolean }).prerendered = true),
    );

    // The app announces its start to the quick exit's early script; only then is the switch its.
    await page.evaluate(() => {
      const started = new Promise<void>((resolve) =>
        document.addEventListener('confidant-quick-exit-ready', () => resolve(), { once: true }),
      );
      (window as { started?: Promise<void> }).started = started;
    });
    release();
    await page.evaluate(() => (window as { started?: Promise<void> }).started);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(heading).toHaveText('Write to us – anonymously and in confidence');

    // The very element she already saw is still there, now run by the app.
    expect(
      await heading.evaluate((element) => (element as { prerendered?: boolean }).prerendered),
    ).toBe(true);
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
    // One neutral title in every language: the browser's history keeps no second one.
    await expect(page).toHaveTitle('Online-Beratung');
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

    await expect(page.getByRole('heading', { level: 1, name: 'Datenschutz' })).toBeVisible();
    await expect(page.getByRole('main')).toBeFocused();
    // The address bar and the title stay neutral on every page.
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page).toHaveTitle('Online-Beratung');

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
