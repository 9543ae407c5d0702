// The desktop app itself: launches the built Electron app (out/main/main.js + renderer/dist) with
// Playwright's Electron driver and checks the window's security settings and the bridge.
//
// Needs: an Electron binary (node_modules/electron/path.txt and dist/; `npm install` without
// ELECTRON_SKIP_BINARY_DOWNLOAD), a display (xvfb-run on a headless Linux box), and the build
// (this spec runs `npm run build:electron` and builds the renderer when they are missing).
// Each test run gets its own FLOTILLA_HOME in a temp folder. Without a binary every test here is
// skipped with the reason printed (never silently). It never calls require('electron'), which
// would try to download the binary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { electronBinary } from '../scripts/electron-binary.js';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import type { PreloadApi } from '../shared/bridge.js';
import { repoRoot } from '../testing/flotilla-process.js';
import { ensureRendererBuilt } from '../scripts/renderer-build.js';

/** The Electron executable, or null when its binary has not been downloaded. */
const binary = electronBinary();
test.skip(
  !binary,
  'No Electron binary installed (Electron downloads it on first use; ELECTRON_SKIP_BINARY_DOWNLOAD, or no network, leaves it out): `npx install-electron` or `npm start` with network access gets it.',
);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let home = '';

test.beforeAll(async () => {
  ensureRendererBuilt();
  if (!existsSync(join(repoRoot, 'out', 'main', 'main.js')))
    execFileSync('npm', ['run', '--silent', 'build:electron'], { cwd: repoRoot, stdio: 'inherit' });
  home = mkdtempSync(join(tmpdir(), 'flotilla-electron-e2e-'));
  // Chromium refuses to start as root without --no-sandbox (containers); the window's own sandbox flag is still checked below.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  app = await _electron.launch({
    executablePath: binary!,
    args: [...rootArgs, join(repoRoot, 'out', 'main', 'main.js')],
    cwd: repoRoot,
    env: { ...process.env, FLOTILLA_HOME: home, ELECTRON_ENABLE_LOGGING: '1' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('the window runs sandboxed, context-isolated, without Node or webviews', async () => {
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    // Undocumented but long-standing (Electron's own specs use it): the preferences the renderer really got.
    const contents = windows[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
    const settings = contents.getLastWebPreferences();
    return {
      windows: windows.length,
      contextIsolation: settings.contextIsolation,
      sandbox: settings.sandbox,
      nodeIntegration: settings.nodeIntegration,
      nodeIntegrationInSubFrames: settings.nodeIntegrationInSubFrames,
      webviewTag: settings.webviewTag,
      webSecurity: settings.webSecurity,
    };
  });
  expect(preferences).toEqual({
    windows: 1,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
  });
  expect(page.url()).toMatch(/^app:\/\/flotilla\//);
});

test('the page has no Node: require, process and module are undefined, and ipcRenderer is not exposed', async () => {
  const globals = await page.evaluate(() => {
    const scope = window as unknown as Record<string, unknown>;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      module: typeof scope.module,
      Buffer: typeof scope.Buffer,
      ipcRenderer: typeof scope.ipcRenderer,
    };
  });
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    Buffer: 'undefined',
    ipcRenderer: 'undefined',
  });
  const bridgeKeys = await page.evaluate(() => Object.keys((window as unknown as { flotilla: object }).flotilla));
  expect(bridgeKeys).toContain('repo/list');
  expect(bridgeKeys).not.toContain('invoke');
  expect(bridgeKeys).not.toContain('send');
});

test('a strict CSP comes with the page (header and meta) and is enforced', async () => {
  const header = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  expect(header).toContain("default-src 'none'");
  expect(header).toContain("script-src 'self'");
  expect(header).not.toContain('unsafe-eval');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
  expect(meta).toContain("object-src 'none'");
  const evalOutcome = await page.evaluate(() => {
    try {
      return String(new Function('return "ran"')());
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(evalOutcome).toBe('EvalError');
});

test('window.open and navigation to another origin are refused', async () => {
  const before = page.url();
  // http, not https: an https link would be handed to the system browser.
  const opened = await page.evaluate(() => window.open('http://example.com/', '_blank') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(await page.evaluate(() => typeof (window as unknown as { flotilla?: object }).flotilla)).toBe('object');
});

test('the bridge reaches the engine in its utility process', async () => {
  const listed = await page.evaluate(() => (window as unknown as { flotilla: PreloadApi }).flotilla['repo/list']({}));
  expect(listed).toEqual({ repos: [] });
  const info = await page.evaluate(() => (window as unknown as { flotilla: PreloadApi }).flotilla['engine/info']({}));
  expect(info.home).toBe(home);
  const mainPid = await app.evaluate(() => process.pid);
  expect(info.pid).not.toBe(mainPid);
  const refusal = await page.evaluate(() =>
    (window as unknown as { flotilla: PreloadApi }).flotilla['task/create']({ repoId: 'r', prompt: ' ' }).catch(
      (error: unknown) => error,
    ),
  );
  expect(refusal).toMatchObject({ code: 'invalidInput', message: expect.stringContaining('Describe the task') });
});
