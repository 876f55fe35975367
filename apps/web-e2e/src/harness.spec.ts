import { expect, test } from './fixtures';

test.describe('the test harness itself', () => {
  test('blocks and reports a request to another origin', async ({
    page,
    foreignRequests,
    pageErrors,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await page.evaluate(() => {
      location.href = 'https://tracker.example/pixel?from=portal';
    });

    await expect.poll(() => foreignRequests).toEqual(['https://tracker.example/pixel?from=portal']);
    // Reported as it should be; emptied so that this deliberate request does not fail the test.
    foreignRequests.length = 0;
    pageErrors.length = 0;
  });

  test('the content security policy stops scripts from other origins', async ({
    page,
    pageErrors,
    foreignRequests,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = 'https://cdn.example/evil.js';
      document.head.append(script);
    });

    await expect
      .poll(() => pageErrors.join('\n'))
      .toContain('violates the following Content Security Policy directive');
    expect(foreignRequests).toEqual([]);
    pageErrors.length = 0;
  });
});
