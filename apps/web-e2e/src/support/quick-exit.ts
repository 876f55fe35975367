import { expect, Locator, Page } from '@playwright/test';
import { NEUTRAL_PAGE_TEXT } from '../fixtures';
import { TEST_EXIT_URL } from './global-setup';

/** The phone the portal is designed for first. */
export const PHONE = { width: 360, height: 640 };

export function quickExitButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Seite schnell verlassen' });
}

/** Whether the element at the centre of `locator` is the element itself (nothing lies over it). */
export async function isUncovered(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit !== null && element.contains(hit);
  });
}

/** Quick exit went to the neutral page, and Back does not return to the portal. */
export async function expectLeftForTheNeutralPage(
  page: Page,
  baseURL: string | undefined,
): Promise<void> {
  await expect(page).toHaveURL(TEST_EXIT_URL);
  await expect(page.getByRole('heading', { name: NEUTRAL_PAGE_TEXT })).toBeVisible();
  await page.goBack();
  expect(page.url().startsWith(baseURL ?? 'missing')).toBe(false);
}
