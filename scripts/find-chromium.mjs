// Finds a Chromium for the UI tests: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Returns { path, source } of a usable Chromium, or null with nothing found. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but no file is there.`);
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return { path: candidate, source: candidate };
  }
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    if (path && existsSync(path)) return { path, source: "Playwright's browser" };
  } catch {
    // playwright-core missing or has no browser downloaded.
  }
  return null;
}

/** How to get a Chromium, for the message shown when none is found. */
export const chromiumHelp = [
  'No Chromium found for the UI tests. Any one of these works:',
  '  - Debian/Ubuntu: sudo apt-get install -y chromium',
  '  - macOS/Windows: npx playwright install chromium',
  '  - or point CHROMIUM_PATH at a Chromium or Chrome binary.',
].join('\n');
