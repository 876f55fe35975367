import AxeBuilder from '@axe-core/playwright';
import { Browser, Page } from '@playwright/test';
import { expect, test as portalTest } from '../fixtures';
import { logIn } from './client-account';
import { secondBrowser, StaffPortal, startStaffPortal } from './staff-portal';
import { seedTeam, StaffMember, Team } from './team';

/**
 * Tests on a portal of their own whose team (a lead and two counsellors with the team key) is
 * set up through the API before the first test: `team.counsellors` are Frau Berg and Frau Stein.
 * The fixtures' `baseURL` points at this portal, so their foreign-origin guard and page-error
 * check apply to it unchanged.
 */
export const test = portalTest.extend<object, { staffPortal: StaffPortal; team: Team }>({
  staffPortal: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const portal = await startStaffPortal();
      await use(portal);
      await portal.stop();
    },
    { scope: 'worker' },
  ],
  team: [
    async ({ staffPortal }, use) => {
      await use(
        await seedTeam(staffPortal.url, staffPortal.setupLink, ['Frau Berg', 'Frau Stein']),
      );
    },
    // Every test here needs the team: without its key no enquiry can be written.
    { scope: 'worker', timeout: 60_000, auto: true },
  ],
  baseURL: async ({ staffPortal }, use) => {
    await use(staffPortal.url);
  },
});

export { expect };

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export async function expectNoViolations(page: Page): Promise<void> {
  // Ripples still fading would be caught mid-animation; radio buttons keep a hidden persistent one.
  await expect(page.locator('.mat-ripple-element:not(.mat-radio-persistent-ripple)')).toHaveCount(
    0,
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  expect(
    results.violations.map((violation) => ({
      id: violation.id,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    })),
  ).toEqual([]);
}

/** A counsellor's own browser, logged in on the staff home. */
export async function staffBrowser(browser: Browser, baseURL: string, member: StaffMember) {
  const staff = await secondBrowser(browser, baseURL);
  await logIn(staff.page, member.username, member.password);
  await expect(staff.page.getByRole('heading', { name: 'Neue Anfragen' })).toBeVisible();
  return staff;
}

/**
 * Moves within the portal through its navigation: a reload or `goto` would drop the keys from
 * memory (on purpose) and lock the session.
 */
export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Bereiche' }).getByRole('link', { name }).click();
}

/**
 * Writes an enquiry through the client's pages and opens its thread. The address bar stays at the
 * portal's neutral start, so the thread is recognised by what it shows.
 */
export async function writeEnquiry(page: Page, text: string, topic?: string): Promise<void> {
  await openSection(page, 'Nachrichten');
  await page.getByRole('link', { name: 'Neue Anfrage schreiben' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();
  if (topic) {
    await page.getByLabel('Thema (freiwillig)').selectOption(topic);
  }
  await page.getByLabel('Ihre Nachricht').fill(text);
  await page.getByRole('button', { name: 'Anfrage senden' }).click();
  await expect(page.getByRole('heading', { name: 'Ihre Anfrage ist angekommen' })).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('link', { name: 'Zur Anfrage' }).click();
  await expect(
    thread(page)
      .getByTestId('message')
      .filter({ hasText: text.slice(0, 40) }),
  ).toBeVisible();
}

export async function addEmail(page: Page, password: string, email: string): Promise<void> {
  await openSection(page, 'Konto');
  const section = page.getByRole('region', { name: 'E-Mail-Adresse' });
  await section.getByLabel('E-Mail-Adresse').fill(email);
  await section.getByLabel('Ihr jetziges Passwort').fill(password);
  await section.getByRole('button', { name: 'E-Mail-Adresse speichern' }).click();
  await expect(section.getByRole('status')).toContainText('gespeichert');
}

/** A counsellor takes over the enquiry with this topic from the team queue. */
export async function takeOver(page: Page, topic: string): Promise<void> {
  await page
    .getByRole('region', { name: 'Neue Anfragen' })
    .getByRole('listitem')
    .filter({ hasText: topic })
    .getByRole('button', { name: 'Übernehmen' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
  await expect(thread(page)).toBeVisible();
}

/** Sends a message from the composer and waits until the server has stored it. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByLabel('Ihre Nachricht').fill(text);
  await page.getByRole('button', { name: 'Senden', exact: true }).click();
  const message = page.getByTestId('message').filter({ hasText: text });
  await expect(message.getByTestId('send-state')).toHaveText('Gesendet');
}

export function thread(page: Page) {
  return page.getByRole('log', { name: 'Nachrichten' });
}
