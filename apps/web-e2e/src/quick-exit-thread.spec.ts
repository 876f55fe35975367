import { registerClient } from './support/client-account';
import {
  expect,
  expectNoViolations,
  sendMessage,
  test,
  thread,
  writeEnquiry,
} from './support/counselling';
import {
  expectLeftForTheNeutralPage,
  isUncovered,
  PHONE,
  quickExitButton,
} from './support/quick-exit';

/**
 * Quick exit in a long conversation on a phone (issue 14): the header stays at the top with quick
 * exit in it, so that she can leave from wherever she has scrolled, and it lies over nothing she
 * needs down at the composer.
 */
test.describe('quick exit on a phone', () => {
  test.use({ viewport: PHONE });

  test('stays on screen at the end of a long thread, covers nothing there, and leaves', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await registerClient(page);
    const paragraph = 'Ich weiß nicht, wie ich anfangen soll. '.repeat(12);
    await writeEnquiry(page, `Meine erste Nachricht. ${paragraph}`);
    for (let index = 1; index <= 4; index++) {
      await sendMessage(page, `Nachtrag ${index}: ${paragraph}`);
    }
    await expect(thread(page).getByTestId('message')).toHaveCount(5);

    // Down to the composer at the end of the thread, several screens below the header.
    const composer = page.getByLabel('Ihre Nachricht');
    const send = page.getByRole('button', { name: 'Senden', exact: true });
    await page.mouse.wheel(0, 20_000);
    await expect(send).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(3 * PHONE.height);

    const quickExit = quickExitButton(page);
    await expect(quickExit).toBeInViewport({ ratio: 1 });
    // It takes one slim row at the top, and lies over nothing she needs to write and send.
    const box = await quickExit.boundingBox();
    expect((box?.y ?? PHONE.height) + (box?.height ?? 0)).toBeLessThanOrEqual(60);
    expect(await isUncovered(composer)).toBe(true);
    expect(await isUncovered(send)).toBe(true);
    expect(await isUncovered(quickExit)).toBe(true);
    await expectNoViolations(page);

    await quickExit.click();

    await expectLeftForTheNeutralPage(page, baseURL);
  });
});
