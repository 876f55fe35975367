import { BrowserContext, chromium, Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import {
  confirmRecoveryCode,
  logIn,
  logOut,
  readRecoveryCode,
  strongPassword,
  uniqueUsername,
} from './support/client-account';
import { expect, openSection, test, thread, writeEnquiry } from './support/counselling';
import { secondBrowser } from './support/staff-portal';

/** The one title every page of the portal has (`NeutralTitleStrategy`). */
const NEUTRAL_TITLE = 'Online-Beratung';

/**
 * What a shared phone's Chromium keeps of a visit, read from a real profile on disk after the
 * browser has closed: the global history (`Default/History`), the favicons (`Default/Favicons`)
 * and the tabs it would restore (`Default/Sessions/`).
 */
test.describe('what the browser keeps of a visit', () => {
  let profile: string;
  let context: BrowserContext;

  test.beforeEach(async ({ baseURL }) => {
    profile = mkdtempSync(join(tmpdir(), 'confidant-e2e-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL,
      locale: 'de-DE',
      viewport: { width: 360, height: 640 },
    });
    // As the fixtures do: nothing may go to another origin.
    const origin = new URL(baseURL ?? '').origin;
    await context.route('**/*', (route) =>
      new URL(route.request().url()).origin === origin
        ? route.continue()
        : route.abort('blockedbyclient'),
    );
  });

  test.afterEach(async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  });

  test('a whole visit leaves one URL and one neutral title in the history, and no favicon', async ({
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const origin = new URL(String(baseURL)).origin;
    const page = await openPortal(context, '/');
    const enquiry = `Er kontrolliert mein Handy ${Math.random().toString(36).slice(2)}`;
    const email = `geheim-${Math.random().toString(36).slice(2, 10)}@example.org`;

    // She registers from the start page, with an e-mail address.
    await page.getByRole('link', { name: 'Konto anlegen' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Konto anlegen' })).toBeVisible();
    const password = strongPassword();
    const username = uniqueUsername('verlauf');
    await page.getByLabel('Benutzername').fill(username);
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByLabel('Passwort wiederholen').fill(password);
    await page.getByLabel(/E-Mail-Adresse/).fill(email);
    await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await confirmRecoveryCode(page, await readRecoveryCode(page));
    // She lands on a new enquiry ("Ihr Konto" alone would also match the step's own heading).
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();
    await expectNeutral(page, origin);

    // She writes an enquiry, reads its thread, looks at her appointments and her account.
    await writeEnquiry(page, enquiry, 'Häusliche Gewalt');
    await expect(thread(page)).toContainText(enquiry);
    await expectNeutral(page, origin);
    await openSection(page, 'Termine');
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Termine' })).toBeVisible();
    await expectNeutral(page, origin);
    await openSection(page, 'Nachrichten');
    await page.getByRole('link', { name: /Häusliche Gewalt/ }).click();
    await expect(thread(page)).toContainText(enquiry);
    await openSection(page, 'Konto');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Ihr Konto', exact: true }),
    ).toBeVisible();
    await expectNeutral(page, origin);
    await logOut(page);
    await expectNeutral(page, origin);
    await context.close();

    const history = await rows<{ url: string; title: string }>(
      join(profile, 'Default', 'History'),
      'SELECT url, title FROM urls',
    );
    const portal = history.filter((row) => row.url.startsWith(origin));
    expect(portal).toEqual([{ url: `${origin}/`, title: NEUTRAL_TITLE }]);
    const visits = await rows<{ url: string }>(
      join(profile, 'Default', 'History'),
      'SELECT urls.url AS url FROM visits JOIN urls ON urls.id = visits.url',
    );
    expect(
      visits.every((visit) => visit.url === `${origin}/` || !visit.url.startsWith(origin)),
    ).toBe(true);
    expect(await portalIcons(profile, origin)).toEqual([]);
    // The tabs Chromium would restore after a crash hold the neutral URL and title, and no page,
    // topic, text or address she entered (fields with autocomplete="off" keep no form state).
    expect(
      sessionTraces(profile, [
        'nachrichten',
        'termine',
        'konto',
        'Häusliche Gewalt',
        enquiry,
        email,
      ]),
    ).toEqual([]);
    // Username fields keep autocomplete="username" for password managers, so Chromium keeps their
    // form state there: recorded here, and said in the README.
    test.info().annotations.push({
      type: 'username in Sessions/',
      description: String(sessionTraces(profile, [username]).length > 0),
    });
    // No form history of the e-mail address or the enquiry (autocomplete="off").
    expect(await formHistory(profile, [email, enquiry])).toEqual([]);
  });

  test('an invitation link with its token opens its page and leaves the address bar at once', async ({
    baseURL,
    browser,
    team,
  }) => {
    test.setTimeout(90_000);
    const origin = new URL(String(baseURL)).origin;
    const lead = await secondBrowser(browser, String(baseURL));
    await logIn(lead.page, team.lead.username, team.lead.password);
    await lead.page.getByRole('link', { name: 'Team verwalten' }).click();
    await lead.page.getByRole('button', { name: 'Einladungslink erzeugen' }).click();
    const linkField = lead.page.getByTestId('invitation-link');
    await expect(linkField).toHaveValue(/\/einladung#[A-Za-z0-9_-]+$/);
    const link = await linkField.inputValue();
    await lead.context.close();

    const page = await openPortal(context, link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zugang für das Team anlegen');
    await expectNeutral(page, origin);

    // A reload lands on the neutral start: the link, and its token, are gone.
    await page.reload();
    await page.locator('cf-root[ng-version]').waitFor({ state: 'attached' });
    await expect(
      page.getByRole('heading', { level: 1, name: 'Schreiben Sie uns – anonym und vertraulich' }),
    ).toBeVisible();
    await context.close();

    // Chromium records the link as it was opened, before any script of the page runs: that one
    // entry link stays in the history, beside the neutral start (the README says so).
    const portal = (
      await rows<{ url: string; title: string }>(
        join(profile, 'Default', 'History'),
        'SELECT url, title FROM urls',
      )
    ).filter((row) => row.url.startsWith(origin));
    expect(portal.map((row) => row.url).sort()).toEqual([`${origin}/`, link].sort());
    expect(new Set(portal.map((row) => row.title))).toEqual(new Set([NEUTRAL_TITLE]));
  });
});

async function openPortal(context: BrowserContext, path: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(path);
  await page.locator('cf-root[ng-version]').waitFor({ state: 'attached' });
  return page;
}

/** The address bar shows the neutral start and the tab the neutral title. */
async function expectNeutral(page: Page, origin: string): Promise<void> {
  expect(page.url()).toBe(`${origin}/`);
  await expect(page).toHaveTitle(NEUTRAL_TITLE);
}

async function rows<T>(file: string, sql: string): Promise<T[]> {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  try {
    return await new Promise<T[]>((resolve, reject) =>
      db.all(sql, (error: Error | null, result: T[]) => (error ? reject(error) : resolve(result))),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** Icons Chromium keeps for pages of the portal (none without a file does not count as none). */
async function portalIcons(profile: string, origin: string): Promise<string[]> {
  const file = join(profile, 'Default', 'Favicons');
  expect(existsSync(file), 'Chromium writes its Favicons database').toBe(true);
  const mapped = await rows<{ page_url: string }>(file, 'SELECT page_url FROM icon_mapping');
  const icons = await rows<{ url: string }>(file, 'SELECT url FROM favicons');
  return [...mapped.map((row) => row.page_url), ...icons.map((row) => row.url)].filter((url) =>
    url.startsWith(origin),
  );
}

/** Which of these words appear in the session files Chromium writes for restoring tabs. */
function sessionTraces(profile: string, words: string[]): string[] {
  const folder = join(profile, 'Default', 'Sessions');
  const files = existsSync(folder) ? readdirSync(folder) : [];
  test.info().annotations.push({
    type: 'Sessions/',
    description: files.length ? files.join(', ') : 'not written by this headless Chromium',
  });
  const contents = files.map((name) => readFileSync(join(folder, name)));
  return words.filter((word) =>
    contents.some(
      (content) =>
        content.includes(Buffer.from(word, 'utf8')) ||
        content.includes(Buffer.from(word, 'utf16le')),
    ),
  );
}

/** Which of these values Chromium's form history (`Web Data`, table `autofill`) keeps. */
async function formHistory(profile: string, values: string[]): Promise<string[]> {
  const file = join(profile, 'Default', 'Web Data');
  if (!existsSync(file)) {
    return [];
  }
  const kept = await rows<{ value: string }>(file, 'SELECT value FROM autofill');
  return values.filter((value) => kept.some((row) => row.value === value));
}
