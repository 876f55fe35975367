import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  readRecoveryCode,
  registerClient,
  strongPassword,
  uniqueUsername,
} from './support/client-account';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    nodes: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

async function checkBothLanguages(page: Page) {
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Let the button's ripple fade, or axe measures the contrast of a half-drawn overlay.
  // Ripples still fading would be caught mid-animation; radio buttons keep a hidden persistent one.
  await expect(page.locator('.mat-ripple-element:not(.mat-radio-persistent-ripple)')).toHaveCount(
    0,
  );
  expect(await violations(page)).toEqual([]);
}

test.describe('accessibility of the client pages (axe, WCAG 2.1 AA)', () => {
  for (const [path, heading] of [
    ['/registrieren', 'Konto anlegen'],
    ['/anmelden', 'Anmelden'],
    ['/passwort-vergessen', 'Passwort vergessen'],
  ] as const) {
    test(`${path} has no violations in German and English`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('contentinfo')).toContainText('Tagen');
      await checkBothLanguages(page);
    });
  }

  test('the register form with its errors and the recovery code step have no violations', async ({
    page,
  }) => {
    await page.goto('/registrieren');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await expect(page.getByText('Bitte geben Sie einen Benutzernamen ein.')).toBeVisible();
    expect(await violations(page)).toEqual([]);

    const password = strongPassword();
    await page.getByLabel('Benutzername').fill(uniqueUsername('axe'));
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByLabel('Passwort wiederholen').fill(password);
    await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await readRecoveryCode(page);
    expect(await violations(page)).toEqual([]);
  });

  test('the account page has no violations in German and English', async ({ page }) => {
    await registerClient(page);
    await expect(page.getByRole('region', { name: 'Konto löschen' })).toBeVisible();
    await checkBothLanguages(page);
  });
});
