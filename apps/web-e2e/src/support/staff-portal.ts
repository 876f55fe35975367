import { Browser, BrowserContext, expect, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, TEST_EXIT_URL } from './global-setup';

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');

/** A portal of its own: the shared one has its first lead set up by whichever test comes first. */
export interface StaffPortal {
  url: string;
  /** The one-time link the server logged, `${url}/einrichtung#<token>`. */
  setupLink: string;
  /** Its DATA_DIR, for reading its outbox. */
  dataDir: string;
  stop: () => Promise<void>;
}

/**
 * Starts the built portal on a free port with a fresh DATA_DIR, as the global setup does, and
 * reads the setup link from its log (printed at level `log`, so the level is not lowered here).
 */
export async function startStaffPortal(): Promise<StaffPortal> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'confidant-e2e-staff-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'log',
      CENTRE_NAME: 'Frauenberatung Teststadt',
      CENTRE_PHONE: '030 123 456 78',
      CENTRE_EXIT_URL: TEST_EXIT_URL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((done) => {
      if (child.exitCode !== null) {
        done(undefined);
        return;
      }
      child.once('exit', done);
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const pattern = new RegExp(`${url.replace(/[.:/]/g, '\\$&')}/einrichtung#[A-Za-z0-9_-]+`);
    await expect
      .poll(
        async () => {
          if (child.exitCode !== null) {
            throw new Error(`The portal exited with ${child.exitCode}:\n${output}`);
          }
          const healthy = await fetch(`${url}/api/health`).then(
            (response) => response.ok,
            () => false,
          );
          return healthy && pattern.test(output);
        },
        { timeout: 30_000, message: 'the portal is healthy and logged its setup link' },
      )
      .toBe(true);
    return { url, setupLink: pattern.exec(output)?.[0] ?? '', dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A second browser (her own cookies) with the fixtures' rules: requests to any origin but the
 * portal's are blocked and recorded, and page errors are collected; both lists are checked by
 * the caller.
 */
export async function secondBrowser(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page; foreignRequests: string[]; errors: string[] }> {
  const context = await browser.newContext({ baseURL, locale: 'de-DE' });
  const foreignRequests: string[] = [];
  const errors: string[] = [];
  const origin = new URL(baseURL).origin;
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) {
      await route.continue();
    } else {
      foreignRequests.push(url.href);
      await route.abort('blockedbyclient');
    }
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  return { context, page, foreignRequests, errors };
}

/** Fills the setup or invitation form and confirms the recovery code. */
export async function enrol(
  page: Page,
  { username, displayName, password }: { username: string; displayName: string; password: string },
  submit: string,
): Promise<void> {
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Angezeigter Name').fill(displayName);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: submit }).click();
  const groups = page.locator('.code .group');
  await expect(groups).toHaveCount(8, { timeout: 20_000 });
  const code = (await groups.allTextContents()).map((group) => group.trim());
  await page.getByLabel('Letzter Block des Codes').fill(code.at(-1) ?? '');
  await page.getByRole('button', { name: /Code ist aufbewahrt/ }).click();
}
