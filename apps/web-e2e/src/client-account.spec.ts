import { expect, test } from './fixtures';
import {
  confirmRecoveryCode,
  forgetExpectedStatus,
  logIn,
  logOut,
  findInOutbox,
  readRecoveryCode,
  registerClient,
  strongPassword,
  uniqueUsername,
} from './support/client-account';

test.describe('client account', () => {
  // Every login, registration and password change derives keys with 600 000 PBKDF2 iterations in
  // the browser and runs argon2id on the server: these journeys take longer than a page check.
  test.slow();

  test('register with the recovery code, log out, log in, change the password', async ({
    page,
    pageErrors,
  }) => {
    const username = uniqueUsername();
    const password = strongPassword();
    await page.goto('/');
    await page.getByRole('link', { name: 'Konto anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Konto anlegen' })).toBeVisible();

    await page.getByLabel('Benutzername').fill(username);
    await page.getByLabel('Passwort', { exact: true }).fill('passwort123');
    await page.getByLabel('Passwort wiederholen').fill('passwort123');
    await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await expect(page.getByText('Dieses Passwort ist zu leicht zu erraten')).toBeVisible();

    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByLabel('Passwort wiederholen').fill(password);
    await page.getByRole('button', { name: 'Konto anlegen' }).click();

    const code = await readRecoveryCode(page);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Als Textdatei speichern' }).click();
    const file = await download;
    const stream = await file.createReadStream();
    let content = '';
    for await (const chunk of stream) {
      content += chunk.toString();
    }
    expect(content).toContain(code);

    await page.getByLabel('Letzter Block des Codes').fill('0000');
    await page.getByRole('button', { name: /Code ist aufbewahrt/ }).click();
    await expect(page.getByText('Das sind nicht die letzten vier Zeichen')).toBeVisible();
    await confirmRecoveryCode(page, code);
    // She lands on a new enquiry, not on her account page.
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();
    await expect(page.getByLabel('Ihre Nachricht')).toBeVisible();
    await page.getByRole('link', { name: 'Konto', exact: true }).click();
    await expect(page.locator('.username')).toHaveText(username);

    await logOut(page);
    await expect(page.getByText('Schließen Sie jetzt bitte dieses Fenster')).toBeVisible();

    await logIn(page, username, 'falsches-passwort-123');
    await expect(page.getByRole('alert')).toContainText('Benutzername oder Passwort stimmen nicht');
    // She keeps her username, and no field is flagged red: the message says what went wrong.
    await expect(page.getByLabel('Benutzername')).toHaveValue(username);
    await expect(page.getByLabel('Passwort', { exact: true })).toHaveValue('');
    await expect(page.locator('mat-form-field.mat-form-field-invalid')).toHaveCount(0);
    await expect(page.locator('mat-error')).toHaveCount(0);
    await forgetExpectedStatus(pageErrors, 401);
    await logIn(page, username, password);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
    await page.getByRole('link', { name: 'Konto', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();

    const newPassword = strongPassword();
    const section = page.getByRole('region', { name: 'Passwort ändern' });
    await section.getByLabel('Ihr jetziges Passwort').fill(password);
    await section.getByLabel('Neues Passwort', { exact: true }).fill(newPassword);
    await section.getByLabel('Neues Passwort wiederholen').fill(newPassword);
    await section.getByRole('button', { name: 'Passwort ändern' }).click();
    await expect(section.getByRole('status')).toContainText('Ihr Passwort ist geändert');
    // A success shows no red errors: the emptied fields are not flagged as missing.
    await expect(section.locator('mat-form-field.mat-form-field-invalid')).toHaveCount(0);
    await expect(section.locator('mat-error')).toHaveCount(0);

    await logOut(page);
    await logIn(page, username, password);
    await expect(page.getByRole('alert')).toContainText('Benutzername oder Passwort stimmen nicht');
    await forgetExpectedStatus(pageErrors, 401);
    await logIn(page, username, newPassword);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
  });

  test('after a reload the account is locked until the password is given again', async ({
    page,
  }) => {
    const { username, password } = await registerClient(page);

    await page.reload();

    // The reload lands on the neutral start, which asks for the password first.
    await expect(
      page.getByRole('heading', { level: 1, name: 'Bitte Passwort eingeben' }),
    ).toBeVisible();
    await expect(page.getByText(`als „${username}“ angemeldet`)).toBeVisible();
    await page.getByLabel('Passwort', { exact: true }).fill('das-ist-es-nicht-1');
    await page.getByRole('button', { name: 'Entsperren' }).click();
    await expect(page.getByRole('alert')).toContainText('Das Passwort stimmt nicht.');

    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Entsperren' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
  });

  test('a forgotten password is reset with the recovery code, and a new code is shown', async ({
    page,
  }) => {
    const { username, recoveryCode } = await registerClient(page);
    await logOut(page);

    await page.goto('/passwort-vergessen');
    const form = page.getByRole('region', { name: 'Mit Ihrem Wiederherstellungscode' });
    const newPassword = strongPassword();
    await form.getByLabel('Benutzername').fill(username);
    // A typo: "U" does not occur in recovery codes.
    await form
      .getByLabel('Wiederherstellungscode')
      .fill(`${recoveryCode.slice(0, 4)}U${recoveryCode.slice(5)}`);
    await form.getByLabel('Neues Passwort', { exact: true }).fill(newPassword);
    await form.getByLabel('Neues Passwort wiederholen').fill(newPassword);
    await form.getByRole('button', { name: 'Neues Passwort setzen' }).click();
    await expect(form.getByRole('alert')).toContainText('an Stelle 5');

    await form.getByLabel('Wiederherstellungscode').fill(recoveryCode.toLowerCase());
    await form.getByRole('button', { name: 'Neues Passwort setzen' }).click();

    const newCode = await readRecoveryCode(page);
    expect(newCode).not.toBe(recoveryCode);
    await confirmRecoveryCode(page, newCode);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
    await expect(page.locator('.username')).toHaveText(username);

    await logOut(page);
    await logIn(page, username, newPassword);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
  });

  test('an e-mail address is set in the account and a mailed link resets the password', async ({
    page,
  }) => {
    const { username, password } = await registerClient(page);
    const section = page.getByRole('region', { name: 'E-Mail-Adresse' });
    await expect(section).toContainText('Sie haben keine E-Mail-Adresse hinterlegt.');
    await section.getByLabel('E-Mail-Adresse').fill('mond@example.org');
    await section.getByLabel('Ihr jetziges Passwort').fill(password);
    await section.getByRole('button', { name: 'E-Mail-Adresse speichern' }).click();
    await expect(section.getByRole('status')).toContainText('gespeichert');
    // She sees which address she gave, masked, never in full.
    await expect(section).toContainText('Hinterlegt ist m***@example.org.');
    await expect(section).not.toContainText('mond@example.org');
    await logOut(page);

    await page.goto('/passwort-vergessen');
    const since = Date.now() - 1000;
    const form = page.getByRole('region', { name: 'Per E-Mail-Link' });
    await form.getByLabel('Benutzername').fill(username);
    await form.getByRole('button', { name: 'Link anfordern' }).click();
    await expect(form.getByRole('status')).toContainText('ist ein Link unterwegs');

    const link = await findInOutbox(since, /https?:\/\/\S+\/passwort-neu#[A-Za-z0-9_-]{43}/);
    await page.goto(link);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Neues Passwort setzen' }),
    ).toBeVisible();
    // The link leaves the address bar at once: it shows the neutral start.
    expect(new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).hash).toBe('');

    const newPassword = strongPassword();
    await page.getByLabel('Neues Passwort', { exact: true }).fill(newPassword);
    await page.getByLabel('Neues Passwort wiederholen').fill(newPassword);
    await page.getByRole('button', { name: 'Neues Passwort setzen' }).click();
    const code = await readRecoveryCode(page);
    await confirmRecoveryCode(page, code);
    await expect(page.getByText('bisherigen Nachrichten bleiben verschlossen')).toBeVisible();

    await page.getByRole('link', { name: 'Zur Anmeldung' }).click();
    await logIn(page, username, newPassword);
    await expect(page.getByRole('heading', { level: 1, name: 'Ihre Nachrichten' })).toBeVisible();
  });

  test('deleting the account erases it: logging in fails afterwards', async ({
    page,
    pageErrors,
  }) => {
    const { username, password } = await registerClient(page);

    const section = page.getByRole('region', { name: 'Konto löschen' });
    await expect(section).toContainText('lässt sich nicht rückgängig machen');
    await section.getByLabel('Ihr jetziges Passwort').fill(password);
    await section.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await expect(section).toContainText('Bitte bestätigen Sie');
    await section.getByRole('checkbox').check();
    await section.getByLabel('Ihr jetziges Passwort').fill(password);
    await section.getByRole('button', { name: 'Konto endgültig löschen' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' }),
    ).toBeVisible();
    await expect(page.getByText('Ihr Konto ist gelöscht, mit allen Nachrichten.')).toBeVisible();

    await logIn(page, username, password);
    await expect(page.getByRole('alert')).toContainText('Benutzername oder Passwort stimmen nicht');
    await forgetExpectedStatus(pageErrors, 401);
  });
});
