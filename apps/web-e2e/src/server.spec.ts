import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';

const MAIN = resolve(__dirname, '../../../dist/apps/api/main.js');

test.describe('the running server', () => {
  test('answers health and centre over HTTP with the security headers', async ({ request }) => {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(health.headers()['cache-control']).toBe('no-store');

    const page = await request.get('/');
    expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  for (const [variable, value] of [
    ['PORT', 'abc'],
    ['KDF_ITERATIONS', 'many'],
    ['PUBLIC_URL', 'not a url'],
  ]) {
    test(`${variable}=${value} stops it with one clear line`, () => {
      const result = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, [variable]: value },
        encoding: 'utf8',
        timeout: 20_000,
      });

      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable} `));
    });
  }
});
