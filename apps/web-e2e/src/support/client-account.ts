import { expect, Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A fresh username per test (3–32 characters), so tests never collide. */
export function uniqueUsername(prefix = 'e2e'): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${Date.now().toString(36)}-${random}`.slice(0, 32);
}

/** A password zxcvbn scores as strong, different per call. */
export function strongPassword(): string {
  return `Tulpe-Fahrrad-${Math.random().toString(36).slice(2, 7)}-Wolkenkratzer`;
}

export interface Registered {
  username: string;
  password: string;
  recoveryCode: string;
}

/** The recovery code as shown on the page, `XXXX-XXXX-…`. */
export async function readRecoveryCode(page: Page): Promise<string> {
  const groups = page.locator('.code .group');
  await expect(groups).toHaveCount(8, { timeout: 15_000 });
  return (await groups.allTextContents()).map((group) => group.trim()).join('-');
}

/** Types the last group of the shown code and continues. */
export async function confirmRecoveryCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Letzter Block des Codes').fill(code.split('-').at(-1) ?? '');
  await page.getByRole('button', { name: /Code ist aufbewahrt/ }).click();
}

/**
 * Registers through the form and confirms the recovery code, which leads to a new enquiry; then
 * opens the account page from the navigation, where most tests go on.
 */
export async function registerClient(page: Page, username = uniqueUsername()): Promise<Registered> {
  const password = strongPassword();
  await page.goto('/registrieren');
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  const recoveryCode = await readRecoveryCode(page);
  await confirmRecoveryCode(page, recoveryCode);
  await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();
  // The account page loads her account; a test that logs out at once would otherwise end that
  // request with a 401.
  const accountData = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/accounts/me' && response.ok(),
  );
  await page.getByRole('link', { name: 'Konto', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
  await expect(page.locator('.username')).toHaveText(username);
  await accountData;
  return { username, password, recoveryCode };
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' })).toBeVisible();
}

/**
 * Waits for a mail in the portal's outbox, written after `since`, whose text matches `pattern`,
 * and returns the match. Other tests may write mails at the same time, and a file may still be
 * being written when it first appears, so it polls until a complete match is there.
 */
export async function findInOutbox(
  since: number,
  pattern: RegExp,
  dataDir = process.env['PORTAL_DATA_DIR'],
): Promise<string> {
  if (!dataDir) {
    throw new Error('PORTAL_DATA_DIR is not set');
  }
  const outbox = join(dataDir, 'outbox');
  let found = '';
  await expect
    .poll(
      () => {
        let files: string[] = [];
        try {
          files = readdirSync(outbox).filter((name) => name.endsWith('.eml'));
        } catch {
          return '';
        }
        for (const name of files) {
          try {
            if (statSync(join(outbox, name)).mtimeMs < since) {
              continue;
            }
            const text = decodeQuotedPrintable(readFileSync(join(outbox, name), 'utf8'));
            const match = pattern.exec(text)?.[0];
            if (match) {
              found = match;
              return found;
            }
          } catch {
            // Deleted meanwhile (an erased account's mail): look at the others.
          }
        }
        return '';
      },
      { timeout: 10_000, message: `a mail matching ${pattern}` },
    )
    .not.toBe('');
  return found;
}

function decodeQuotedPrintable(mail: string): string {
  return mail
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Chromium logs every 4xx answer as a console error, which the fixtures count as a page error.
 * A test that provokes one on purpose (a wrong password) takes exactly that one off the list.
 */
export async function forgetExpectedStatus(pageErrors: string[], status: number): Promise<void> {
  const message = `Failed to load resource: the server responded with a status of ${status}`;
  await expect
    .poll(() => pageErrors.findIndex((error) => error.startsWith(message)), {
      message: `the page got the expected ${status} answer`,
    })
    .toBeGreaterThanOrEqual(0);
  pageErrors.splice(
    pageErrors.findIndex((error) => error.startsWith(message)),
    1,
  );
}
