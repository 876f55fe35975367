import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { expect, test as portalTest } from './fixtures';
import { logIn, strongPassword, uniqueUsername } from './support/client-account';
import { enrol, secondBrowser, StaffPortal, startStaffPortal } from './support/staff-portal';

/**
 * The staff journey on a portal of its own (the shared one may already have its first lead):
 * setup link → first lead; invitation → counsellor; team key granted; deactivated.
 *
 * The fixtures' `baseURL` is overridden with this portal's address, so their foreign-origin guard
 * and page-error check apply to it unchanged; the counsellor's second browser gets the same rules
 * from `secondBrowser`. The tests build on each other and run in order in one worker.
 */
const test = portalTest.extend<object, { staffPortal: StaffPortal }>({
  staffPortal: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const portal = await startStaffPortal();
      await use(portal);
      await portal.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ staffPortal }, use) => {
    await use(staffPortal.url);
  },
});

test.describe.configure({ mode: 'serial' });

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

async function violations(page: Page) {
  // Ripples still fading would be caught mid-animation; radio buttons keep a hidden persistent one.
  await expect(page.locator('.mat-ripple-element:not(.mat-radio-persistent-ripple)')).toHaveCount(
    0,
  );
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
  expect(await violations(page)).toEqual([]);
}

const lead = { username: uniqueUsername('leitung'), displayName: 'Frau Leitung', password: '' };
const counsellor = { username: uniqueUsername('berg'), displayName: 'Frau Berg', password: '' };
lead.password = strongPassword();
counsellor.password = strongPassword();

test.describe('staff: setup, invitation, team key, deactivation', () => {
  test('before the setup, clients cannot register: the page says the portal is not open yet', async ({
    page,
  }) => {
    await page.goto('/registrieren');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Das Portal ist noch nicht geöffnet',
    );
    await expect(page.getByRole('button', { name: 'Konto anlegen' })).toHaveCount(0);
    await checkBothLanguages(page);
  });

  test('the setup page has no axe violations in German and English', async ({
    page,
    staffPortal,
  }) => {
    await page.goto(staffPortal.setupLink);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beratungsstelle einrichten');
    await expect(page.getByLabel('Angezeigter Name')).toBeVisible();
    await checkBothLanguages(page);
  });

  test('the setup link makes the first lead, who holds the team key', async ({
    page,
    staffPortal,
  }) => {
    await page.goto(staffPortal.setupLink);
    await expect(page.getByLabel('Angezeigter Name')).toBeVisible();
    // The link is out of the address bar at once: it shows the neutral start.
    expect(new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).hash).toBe('');

    await enrol(page, lead, 'Einrichten');

    await expect(page).toHaveTitle('Online-Beratung');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Willkommen, Frau Leitung');
    await expect(page.getByTestId('team-key-status')).toHaveText(/Sie haben den Teamschlüssel/);
    await expect(page.getByRole('link', { name: 'Team verwalten' })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    // The link works once: the page now says the centre is set up.
    await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
    await page.goto(staffPortal.setupLink);
    await expect(page.getByText('Diese Beratungsstelle ist schon eingerichtet.')).toBeVisible();
  });

  test('the team page has no axe violations in German and English', async ({ page }) => {
    await logIn(page, lead.username, lead.password);
    await page.getByRole('link', { name: 'Team verwalten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team verwalten');
    await expect(page).toHaveTitle('Online-Beratung');
    await expect(page.locator('li[data-username]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Einladungslink erzeugen' }).click();
    await expect(page.getByTestId('invitation-link')).toHaveValue(/\/einladung#/);
    await checkBothLanguages(page);
  });

  test('the lead changes the centre settings, with messages for wrong values', async ({ page }) => {
    await logIn(page, lead.username, lead.password);
    await page.getByRole('link', { name: 'Team verwalten' }).click();
    const settings = page.getByRole('region', { name: 'Einstellungen der Beratungsstelle' });
    await expect(settings.getByLabel('Name der Beratungsstelle')).toHaveValue(
      'Frauenberatung Teststadt',
    );

    await settings.getByLabel('Antwort innerhalb von (Tagen)').fill('40');
    await settings.getByLabel('Seite für den schnellen Ausstieg').fill('wetter');
    await settings.getByLabel('Themen (eines pro Zeile)').fill('');
    await settings.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect(settings.getByText('Bitte eine ganze Zahl von 1 bis 30.')).toBeVisible();
    await expect(settings.getByText(/Bitte eine vollständige Adresse/)).toBeVisible();
    await expect(settings.getByText(/Bitte 1 bis 30 Themen/)).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await settings.getByLabel('Name der Beratungsstelle').fill('Frauenberatung Nordstadt');
    await settings.getByLabel('Antwort innerhalb von (Tagen)').fill('2');
    await settings
      .getByLabel('Seite für den schnellen Ausstieg')
      .fill('https://neutral-exit.test/wetter');
    await settings.getByLabel('Themen (eines pro Zeile)').fill('Gewalt\nTrennung\n\nStalking');
    await settings.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect(settings.getByText('Die Einstellungen sind gespeichert.')).toBeVisible();
    // The shell shows the new values at once.
    await expect(page.getByRole('banner')).toContainText('Frauenberatung Nordstadt');
    await expect(page.getByRole('contentinfo')).toContainText('2 Tagen');
    await expect(settings.getByLabel('Themen (eines pro Zeile)')).toHaveValue(
      'Gewalt\nTrennung\nStalking',
    );
  });

  test('an invited counsellor registers, gets the team key, and is deactivated', async ({
    page,
    browser,
    staffPortal,
    context,
  }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await logIn(page, lead.username, lead.password);
    await page.getByRole('link', { name: 'Team verwalten' }).click();

    // The lead makes an invitation and copies its link.
    await page.getByRole('button', { name: 'Einladungslink erzeugen' }).click();
    const linkField = page.getByTestId('invitation-link');
    await expect(linkField).toHaveValue(/\/einladung#[A-Za-z0-9_-]+$/);
    const link = await linkField.inputValue();
    await expect(page.getByText(/Der Link gilt bis/)).toBeVisible();
    await page.getByRole('button', { name: 'Link kopieren' }).click();
    await expect(page.getByText('Der Link ist kopiert.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // The counsellor, in her own browser: the invitation page passes axe, then she registers.
    const her = await secondBrowser(browser, staffPortal.url);
    try {
      await her.page.goto(link);
      await expect(her.page.getByRole('heading', { level: 1 })).toHaveText(
        'Zugang für das Team anlegen',
      );
      expect(new URL(her.page.url()).pathname).toBe('/');
      expect(new URL(her.page.url()).hash).toBe('');
      expect(await violations(her.page)).toEqual([]);
      await her.page.getByRole('button', { name: 'Switch to English' }).click();
      await expect(her.page.locator('html')).toHaveAttribute('lang', 'en');
      expect(await violations(her.page)).toEqual([]);
      await her.page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
      await expect(her.page.locator('html')).toHaveAttribute('lang', 'de');

      await enrol(her.page, counsellor, 'Zugang anlegen');
      await expect(her.page.getByRole('heading', { level: 1 })).toHaveText('Willkommen, Frau Berg');
      await expect(her.page.getByTestId('team-key-status')).toHaveText(
        'Sie können noch keine Nachrichten lesen, bis eine Leitung Ihnen den Teamschlüssel freigibt.',
      );
      await expect(her.page.getByRole('link', { name: 'Team verwalten' })).toHaveCount(0);

      // The lead sees her without the team key and grants it.
      await page.getByRole('link', { name: 'Zurück zur Beratung' }).click();
      await page.getByRole('link', { name: 'Team verwalten' }).click();
      const row = page.locator(`li[data-username="${counsellor.username}"]`);
      await expect(row).toContainText('hat den Teamschlüssel noch nicht');
      await row.getByRole('button', { name: 'Teamschlüssel freigeben für Frau Berg' }).click();
      await expect(page.getByText('Frau Berg hat jetzt den Teamschlüssel.')).toBeVisible();
      await expect(row).toContainText('hat den Teamschlüssel');
      await expect(row).not.toContainText('noch nicht');

      // On her next session check she can read.
      await her.page.getByRole('button', { name: 'Aktualisieren' }).click();
      await expect(her.page.getByTestId('team-key-status')).toHaveText(
        /Sie haben den Teamschlüssel/,
      );

      // The lead cannot deactivate herself; she deactivates the counsellor after confirming.
      const ownRow = page.locator(`li[data-username="${lead.username}"]`);
      await expect(ownRow).toContainText('(Sie)');
      await expect(ownRow.getByRole('button', { name: /deaktivieren/ })).toHaveCount(0);
      await row.getByRole('button', { name: 'Frau Berg deaktivieren' }).click();
      await expect(row).toContainText('Ihre Sitzungen enden sofort');
      await row.getByRole('button', { name: 'Deaktivieren', exact: true }).click();
      await expect(page.getByText('Frau Berg ist deaktiviert.')).toBeVisible();
      await expect(row).toContainText('deaktiviert');
      await expect(row.getByRole('button', { name: 'Frau Berg wieder aktivieren' })).toBeVisible();

      // Her next call is refused: she lands on the login page, told that the session ended.
      await her.page.getByRole('button', { name: 'Aktualisieren' }).click();
      await expect(her.page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
      await expect(
        her.page.getByText('Ihre Sitzung wurde beendet. Bitte melden Sie sich neu an.'),
      ).toBeVisible();

      expect(her.foreignRequests).toEqual([]);
      // Chromium logs the one refused call (401) as a console error; nothing else may appear.
      expect(her.errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    } finally {
      await her.context.close();
    }
  });
});
