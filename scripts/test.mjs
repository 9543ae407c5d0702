// `npm test`: every unit and integration test (Vitest), then the UI tests (Playwright in Chromium)
// when there are any. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumHelp, findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'flotilla-test-report-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failedRun = true;
  return result.status;
}

const vitestReport = join(scratch, 'vitest.json');
run('Unit and integration tests (Vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else failedRun = true;

const specs = existsSync(join(root, 'e2e'))
  ? readdirSync(join(root, 'e2e')).filter((name) => name.endsWith('.spec.ts'))
  : [];
if (specs.length > 0) {
  const chromium = findChromium();
  if (!chromium) {
    console.error(`\n${chromiumHelp}`);
    failedRun = true;
    totals.failed += specs.length;
  } else {
    console.log(`Using Chromium from ${chromium.source}: ${chromium.path}`);
    // The specs drive the built renderer that `flotilla serve` serves; build it fresh.
    if (
      run('Renderer build (for the UI tests)', process.execPath, [
        join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'warn',
      ]) !== 0
    ) {
      console.error('The renderer did not build, so the UI tests cannot run; see the errors above.');
      totals.failed += specs.length;
    } else {
      const e2eReport = join(scratch, 'playwright.json');
      // The config's reporters: list, the skip reasons, and JSON into PLAYWRIGHT_JSON_OUTPUT_NAME.
      run('UI tests (Playwright)', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
        CHROMIUM_PATH: chromium.path,
        PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
      });
      if (existsSync(e2eReport)) {
        const stats = JSON.parse(readFileSync(e2eReport, 'utf8')).stats ?? {};
        totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
        totals.failed += stats.unexpected ?? 0;
        totals.skipped += stats.skipped ?? 0;
      } else failedRun = true;
    }
  }
} else console.log('\nNo UI specs in e2e/ yet.');

rmSync(scratch, { recursive: true, force: true });
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRun || totals.failed > 0 ? 1 : 0);
