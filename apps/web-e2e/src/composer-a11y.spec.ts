import { registerClient } from './support/client-account';
import { expect, expectNoViolations, test, thread, writeEnquiry } from './support/counselling';

/**
 * The thread's composer for a screen reader and for a long paste, through the real UI: focus stays
 * in the composer after sending, a polite live region says that it was sent, and a 70 000-character
 * paste is refused with a counter instead of being cut to the limit.
 */
test.describe('the composer', () => {
  test('keeps focus after sending, announces it, and refuses a long paste without cutting it', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await registerClient(page);
    await writeEnquiry(page, `Eine erste Frage ${Math.random().toString(36).slice(2)}`);

    const composer = page.getByLabel('Ihre Nachricht');
    const send = page.getByRole('button', { name: 'Senden', exact: true });
    const announcer = page.getByTestId('thread-announcer');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (
        request.method() === 'POST' &&
        /\/api\/conversations\/[^/]+\/messages$/.test(request.url())
      ) {
        posts.push(request.url());
      }
    });

    // The help text names the shortcuts.
    await expect(composer).toHaveAccessibleDescription(/Strg\+Enter \(Mac: ⌘\+Enter\) sendet/);

    // Sent with the button: she stays in the field, and hears that it was sent.
    const first = `Noch eine Frage ${Math.random().toString(36).slice(2)}`;
    await composer.fill(first);
    await send.click();
    await expect(
      thread(page).getByTestId('message').filter({ hasText: first }).getByTestId('send-state'),
    ).toHaveText('Gesendet');
    await expect(announcer).toHaveText('Nachricht gesendet');
    await expect(announcer).toHaveAttribute('role', 'status');
    await expect(composer).toBeFocused();
    await expect(composer).toHaveValue('');

    // Sent with the shortcut: the same.
    const second = `Und noch etwas ${Math.random().toString(36).slice(2)}`;
    await composer.pressSequentially(second);
    await composer.press('Control+Enter');
    await expect(
      thread(page).getByTestId('message').filter({ hasText: second }).getByTestId('send-state'),
    ).toHaveText('Gesendet');
    await expect(composer).toBeFocused();
    expect(posts).toHaveLength(2);

    // A 70 000-character paste stays whole and is refused with the counter.
    const pasted = `${'Das ist passiert. '.repeat(3_888)}Ende der Geschichte.`.slice(0, 70_000);
    expect(pasted).toHaveLength(70_000);
    await composer.focus();
    await page.keyboard.insertText(pasted);
    const refusal = '70.000 / 20.000 Zeichen – bitte kürzen';
    await expect(page.getByTestId('composer-counter')).toHaveText(refusal);
    await expect(announcer).toHaveText(refusal);
    expect(await composer.inputValue()).toHaveLength(70_000);
    await expect(composer).toHaveAttribute('aria-invalid', 'true');
    // The send button says why it does not send, and stays reachable.
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription(refusal);
    await expectNoViolations(page);

    // Trying anyway sends nothing and keeps every character.
    await composer.press('Control+Enter');
    await expect(composer).toBeFocused();
    await expect(composer).toHaveValue(pasted);

    // Shortened, it fits again and goes out as one message: nothing was sent in between.
    await composer.fill('Kurz gesagt: es geht mir besser.');
    await expect(page.getByTestId('composer-counter')).toHaveCount(0);
    await expect(send).toBeEnabled();
    await send.click();
    await expect(
      thread(page)
        .getByTestId('message')
        .filter({ hasText: 'Kurz gesagt: es geht mir besser.' })
        .getByTestId('send-state'),
    ).toHaveText('Gesendet');
    await expect(composer).toBeFocused();
    expect(posts).toHaveLength(3);
    await expect(thread(page)).not.toContainText('Das ist passiert.');
    await expectNoViolations(page);
  });
});
