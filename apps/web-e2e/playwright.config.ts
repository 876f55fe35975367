import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium; Playwright cannot download its own browser on these machines. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The portal is built beforehand (`nx run web-e2e:e2e` depends on both builds); the global setup
 * starts it on a free port with a temporary DATA_DIR and tells the tests where it is.
 */
export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/web-e2e/test-results',
  globalSetup: require.resolve('./src/support/global-setup'),
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    locale: 'de-DE',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], browserName: 'chromium' },
    },
  ],
});
