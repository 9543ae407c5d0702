import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ReporterDescription } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

const reporter: ReporterDescription[] = [
  ['list'],
  ['./support/skip-reasons-reporter.ts'],
  ...(jsonReport ? [['json', { outputFile: jsonReport }] as ReporterDescription] : []),
];

/**
 * The UI tests: the built renderer in Chromium (Debian's, or CHROMIUM_PATH) against real
 * `flotilla serve` processes. One worker, since the machine has two cores and every spec file
 * runs its own engine and agents.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: `${root}test-results`,
  globalSetup: './global-setup.ts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter,
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
