import { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  confirmRecoveryCode,
  logIn,
  logOut,
  readRecoveryCode,
  strongPassword,
  uniqueUsername,
} from './support/client-account';
import { expectNoViolations } from './support/counselling';
import { registerClientThroughApi } from './support/team';

const REMINDER = 'Haben Sie Ihren Wiederherstellungscode?';
const LEAVE_QUESTION = 'Ohne den Code weitergehen?';

/** Resolves once the server's fresh account data has arrived. */
function accountData(page: Page): Promise<unknown> {
  return page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/accounts/me' && response.ok(),
  );
}

/** Opens the account page from the navigation and waits for the server's fresh account data. */
async function openAccount(page: Page): Promise<void> {
  const fresh = accountData(page);
  await page.getByRole('link', { name: 'Konto', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
  await fresh;
}

test.describe('recovery code', () => {
  // Registration and logins derive keys with 600 000 PBKDF2 iterations in the browser.
  test.slow();

  test('the step cannot be left without confirming; once confirmed, no later session reminds her', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    const username = uniqueUsername();
    const password = strongPassword();
    await page.goto('/registrieren');
    await page.getByLabel('Benutzername').fill(username);
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByLabel('Passwort wiederholen').fill(password);
    await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    const code = await readRecoveryCode(page);

    // One tap on the navigation does not take her away: the step asks first.
    await page.getByRole('link', { name: 'Nachrichten', exact: true }).click();
    const question = page.getByRole('group', { name: LEAVE_QUESTION });
    await expect(question).toBeVisible();
    await expect(question.getByRole('heading', { name: LEAVE_QUESTION })).toBeFocused();
    await expectNoViolations(page);
    await question.getByRole('button', { name: 'Zurück zum Code' }).click();
    await expect(question).toBeHidden();
    // Still on the register page's last step.
    await expect(
      page.getByRole('heading', { level: 1, name: 'Ihr Konto ist angelegt' }),
    ).toBeVisible();
    expect(await readRecoveryCode(page)).toBe(code);

    // Nor does the button without the confirmation.
    await page.getByRole('button', { name: /Code ist aufbewahrt/ }).click();
    await expect(
      page.getByText('Bitte geben Sie die letzten vier Zeichen des Codes ein.'),
    ).toBeVisible();
    // Still on the register page's last step.
    await expect(
      page.getByRole('heading', { level: 1, name: 'Ihr Konto ist angelegt' }),
    ).toBeVisible();

    await confirmRecoveryCode(page, code);
    // She came to write: the enquiry form is what she sees next, ready for her first words.
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();
    await openAccount(page);
    await expect(page.getByRole('heading', { name: REMINDER })).toHaveCount(0);

    // A later session knows it from the server alone.
    await logOut(page);
    await logIn(page, username, password);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
    await openAccount(page);
    await expect(page.getByRole('heading', { name: REMINDER })).toHaveCount(0);
  });

  test('an account without a confirmed code is reminded and makes a new one', async ({
    page,
    baseURL,
  }) => {
    const client = await registerClientThroughApi(baseURL ?? '');
    await logIn(page, client.username, client.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
    await openAccount(page);

    const reminder = page.getByRole('region', { name: REMINDER });
    await expect(reminder).toContainText('nicht bestätigt');
    await expectNoViolations(page);
    await reminder.getByRole('button', { name: 'Zum neuen Code' }).click();
    const section = page.getByRole('region', { name: 'Neuer Wiederherstellungscode' });
    const passwordField = section.getByLabel('Ihr jetziges Passwort');
    await expect(passwordField).toBeFocused();
    await passwordField.fill(client.password);
    await section.getByRole('button', { name: 'Neuen Code erstellen' }).click();
    const code = await readRecoveryCode(page);

    // The new code is not left behind by a tap on the navigation either.
    await page.getByRole('link', { name: 'Nachrichten', exact: true }).click();
    const question = page.getByRole('group', { name: LEAVE_QUESTION });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Zurück zum Code' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();

    await page.getByLabel('Letzter Block des Codes').fill(code.split('-').at(-1) ?? '');
    await page.getByRole('button', { name: 'Code ist aufbewahrt – fertig' }).click();
    await expect(section.getByRole('status')).toContainText(
      'Ihr neuer Wiederherstellungscode gilt ab jetzt',
    );
    await expect(reminder).toHaveCount(0);

    await logOut(page);
    await logIn(page, client.username, client.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
    await openAccount(page);
    await expect(page.getByRole('heading', { name: REMINDER })).toHaveCount(0);
  });
});
