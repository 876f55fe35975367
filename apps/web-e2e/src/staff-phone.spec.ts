import { Locator } from '@playwright/test';
import { registerClient } from './support/client-account';
import { expect, staffBrowser, test, writeEnquiry } from './support/counselling';
import { PHONE } from './support/quick-exit';

/** Pairs of a button and a text label, in one region, whose boxes cross: nothing may hide another. */
async function overlaps(region: Locator): Promise<string[]> {
  return region.evaluate((root) => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 ? box : null;
    };
    const name = (element: Element) => (element.textContent ?? '').trim().replace(/\s+/g, ' ');
    const buttons = [...root.querySelectorAll('button')].filter(visible);
    const labels = [...root.querySelectorAll('label, mat-label, mat-hint, p, h2')].filter(visible);
    const found: string[] = [];
    for (const button of buttons) {
      const a = button.getBoundingClientRect();
      for (const label of labels) {
        const b = label.getBoundingClientRect();
        const cross = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        if (cross && !button.contains(label) && !label.contains(button)) {
          found.push(`"${name(button)}" over "${name(label)}"`);
        }
      }
    }
    return found;
  });
}

/** The staff's forms on a 360 × 640 phone: every button and label can be read and tapped. */
test.describe('staff forms on a phone', () => {
  test('the invitation form and the conversation management card overlap nowhere', async ({
    page,
    browser,
    baseURL,
    team,
  }) => {
    test.setTimeout(120_000);
    const topic = 'Trennung';
    await registerClient(page);
    await writeEnquiry(page, `Eine Frage ${Math.random().toString(36).slice(2)}`, topic);

    const lead = await staffBrowser(browser, baseURL ?? '', team.lead);
    await lead.page.setViewportSize(PHONE);

    await lead.page.getByRole('link', { name: 'Team verwalten' }).click();
    const invite = lead.page.getByRole('region', { name: 'Einladen' });
    await invite.getByRole('button', { name: 'Einladungslink erzeugen' }).click();
    await expect(invite.getByTestId('invitation-link')).toHaveValue(/einladung/);
    expect(await overlaps(invite)).toEqual([]);

    await lead.page
      .getByRole('navigation', { name: 'Bereiche' })
      .getByRole('link', { name: 'Beratung' })
      .click();
    // Another test on this portal may have left an enquiry on the same topic: any one will do.
    await lead.page
      .getByRole('region', { name: 'Neue Anfragen' })
      .getByRole('listitem')
      .filter({ hasText: topic })
      .first()
      .getByRole('button', { name: 'Übernehmen' })
      .click();
    const manage = lead.page.getByRole('region', { name: 'Beratung verwalten' });
    await expect(manage.getByRole('button', { name: 'Beratung abschließen' })).toBeVisible();
    await expect(manage.getByTestId('assign-select')).toBeVisible();
    expect(await overlaps(manage)).toEqual([]);
    expect(lead.foreignRequests).toEqual([]);
    expect(lead.errors).toEqual([]);
    await lead.context.close();
  });
});
