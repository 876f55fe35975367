import { registerClient } from './support/client-account';
import { expect, expectNoViolations, openSection, test, thread } from './support/counselling';

const DRAFT_HINT =
  'Ihr Entwurf bleibt erhalten, solange Sie im Portal bleiben. Beim Neuladen, Verlassen oder Schließen der Seite und beim Abmelden geht er verloren.';

/**
 * The new enquiry's text field through the real UI: a 70 000-character paste is refused with the
 * same counter as the thread's composer instead of being cut to 20 000 (`maxlength`), and what
 * the page says about her draft is true: kept while she moves inside the portal, lost on a reload.
 */
test.describe('the new enquiry', () => {
  test('refuses a 70 000-character enquiry with the counter, keeps it whole, and sends it once shortened', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await registerClient(page);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/conversations$/.test(request.url())) {
        posts.push(request.url());
      }
    });
    await openSection(page, 'Nachrichten');
    await page.getByRole('link', { name: 'Neue Anfrage schreiben' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();

    const field = page.getByLabel('Ihre Nachricht');
    const send = page.getByRole('button', { name: 'Anfrage senden' });
    const counter = page.getByTestId('composer-counter');
    const announcer = page.getByTestId('enquiry-announcer');
    await expect(field).not.toHaveAttribute('maxlength');

    const pasted = `${'Das ist passiert. '.repeat(3_888)}Ende der Geschichte.`.slice(0, 70_000);
    expect(pasted).toHaveLength(70_000);
    await field.focus();
    await page.keyboard.insertText(pasted);
    const refusal = '70.000 / 20.000 Zeichen – bitte kürzen';
    await expect(counter).toHaveText(refusal);
    await expect(announcer).toHaveText(refusal);
    await expect(announcer).toHaveAttribute('role', 'status');
    expect(await field.inputValue()).toHaveLength(70_000);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(`^${refusal}`));
    // The send button says why it does not send, and stays reachable by keyboard.
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription(refusal);
    await expectNoViolations(page);

    // Trying anyway sends nothing, keeps every character, and puts her back in the field.
    await send.focus();
    await page.keyboard.press('Enter');
    await expect(field).toBeFocused();
    await expect(field).toHaveValue(pasted);
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();
    expect(posts).toEqual([]);

    // Shortened, it fits again and goes out as one enquiry.
    const short = `Kurz gesagt: es geht um meinen Mann. ${Math.random().toString(36).slice(2)}`;
    await field.fill(short);
    await expect(counter).toHaveCount(0);
    await expect(announcer).toHaveText('Die Länge passt wieder.');
    await expect(send).toBeEnabled();
    await send.click();
    await expect(page.getByRole('heading', { name: 'Ihre Anfrage ist angekommen' })).toBeVisible({
      timeout: 15_000,
    });
    expect(posts).toHaveLength(1);
    await page.getByRole('link', { name: 'Zur Anfrage' }).click();
    await expect(thread(page).getByTestId('message')).toHaveText([new RegExp(short)]);
    await expect(thread(page)).not.toContainText('Das ist passiert.');
  });

  test('says the draft is kept inside the portal and lost on a reload, and both are true', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const client = await registerClient(page);
    const openNewEnquiry = async () => {
      await openSection(page, 'Nachrichten');
      await page.getByRole('link', { name: 'Neue Anfrage schreiben' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Neue Anfrage' })).toBeVisible();
    };
    await openNewEnquiry();
    const field = page.getByLabel('Ihre Nachricht');
    await expect(field).toHaveAccessibleDescription(DRAFT_HINT);
    await expect(page.getByText('in diesem Fenster')).toHaveCount(0);

    // Kept while she stays in the portal: to her account and back, the text is still there.
    const draft = `Ein Entwurf ${Math.random().toString(36).slice(2)}`;
    await field.pressSequentially(draft);
    await openSection(page, 'Konto');
    await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
    await openNewEnquiry();
    await expect(field).toHaveValue(draft);

    // A reload: the browser warns first (beforeunload), and afterwards the draft is gone.
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await page.getByLabel('Passwort', { exact: true }).fill(client.password);
    await page.getByRole('button', { name: 'Entsperren' }).click();
    await expect(page.getByRole('navigation', { name: 'Bereiche' })).toBeVisible();
    await openNewEnquiry();
    await expect(field).toHaveValue('');
    await expect(field).toHaveAccessibleDescription(DRAFT_HINT);

    // The same words in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByLabel('Your message')).toHaveAccessibleDescription(
      'Your draft is kept while you stay in the portal. It is lost when you reload, leave or close the page, and when you log out.',
    );
  });
});
