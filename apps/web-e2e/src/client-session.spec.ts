import { expect, NEUTRAL_PAGE_TEXT, test } from './fixtures';
import { registerClient } from './support/client-account';
import { TEST_EXIT_URL } from './support/global-setup';

test.describe('client session', () => {
  test.slow();

  test('warns before the idle logout, stays logged in on request, and logs out when idle', async ({
    page,
  }) => {
    await page.clock.install();
    // The account page refreshes the account data; its answer restarts the idle clock, so let it
    // arrive before jumping ahead in time.
    const accountLoaded = page.waitForResponse((response) =>
      response.url().endsWith('/api/accounts/me'),
    );
    await registerClient(page);
    await accountLoaded;

    await page.clock.fastForward('28:30');
    const warning = page.getByRole('alertdialog', { name: 'Sind Sie noch da?' });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('in 2 Minuten abgemeldet');
    await expect(warning.getByRole('button', { name: 'Angemeldet bleiben' })).toBeFocused();

    await warning.getByRole('button', { name: 'Angemeldet bleiben' }).click();
    await expect(warning).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();

    await page.clock.fastForward('31:00');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' }),
    ).toBeVisible();
    await expect(page.getByText('Weil eine Weile nichts passiert ist')).toBeVisible();
    await expect.poll(async () => (await page.request.get('/api/auth/session')).status()).toBe(401);
  });

  test('quick exit wipes the page and ends the session on the server', async ({ page }) => {
    await registerClient(page);
    expect((await page.request.get('/api/auth/session')).status()).toBe(200);

    await page.getByRole('button', { name: 'Seite schnell verlassen' }).click();

    await expect(page).toHaveURL(TEST_EXIT_URL);
    await expect(page.getByRole('heading', { name: NEUTRAL_PAGE_TEXT })).toBeVisible();
    await expect.poll(async () => (await page.request.get('/api/auth/session')).status()).toBe(401);
  });

  test('the landing page offers registration and login, and logout once logged in', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);

    await page.goto('/konto');
    await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();

    await registerClient(page);
    await expect(page.getByRole('button', { name: 'Abmelden', exact: true })).toBeVisible();
  });
});
