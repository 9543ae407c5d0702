import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-files.js';
import { appEntryUrl, isAppUrl } from '../common/app-origin.js';
import { externalUrl, mayNavigate, mayUsePermission, windowOpenDecision } from './web-policy.js';

describe('opening links in the browser', () => {
  it('allows well-formed https links', () => {
    expect(externalUrl('https://github.com/owner/repo/pull/1')).toBe('https://github.com/owner/repo/pull/1');
    expect(externalUrl('https://example.com')).toBe('https://example.com/');
  });

  it.each([
    'http://example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>1</script>',
    'vscode://file/etc/passwd',
    'ms-settings:privacy',
    'smb://server/share',
    'app://flotilla/index.html',
    'ftp://example.com',
    'https://user:secret@example.com/',
    ' https://example.com',
    'https://exa mple.com',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(externalUrl(url)).toBeNull();
  });
});

describe('navigation and new windows', () => {
  it('keeps the window on the app origin', () => {
    expect(mayNavigate(appEntryUrl)).toBe(true);
    expect(mayNavigate('app://flotilla/tasks/1')).toBe(true);
    for (const url of [
      'https://example.com',
      'http://127.0.0.1:5173/',
      'file:///index.html',
      'app://other/index.html',
      'app://user@flotilla/',
      'about:blank',
      'javascript:void 0',
    ]) {
      expect(mayNavigate(url), url).toBe(false);
    }
  });

  it('never opens a window; only https links go to the browser', () => {
    expect(windowOpenDecision('https://example.com/docs')).toEqual({
      action: 'deny',
      openExternally: 'https://example.com/docs',
    });
    expect(windowOpenDecision('http://example.com')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('app://flotilla/index.html')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('about:blank')).toEqual({ action: 'deny', openExternally: null });
  });
});

describe('permissions', () => {
  it('grants only clipboard writing, only to the app page itself', () => {
    expect(mayUsePermission('clipboard-sanitized-write', appEntryUrl, true)).toBe(true);
    expect(mayUsePermission('clipboard-sanitized-write', appEntryUrl, false)).toBe(false);
    expect(mayUsePermission('clipboard-sanitized-write', 'https://example.com/', true)).toBe(false);
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
      'usb',
      'midi',
      'pointerLock',
    ]) {
      expect(mayUsePermission(permission, appEntryUrl, true), permission).toBe(false);
    }
  });
});

describe('serving the renderer on app://', () => {
  const root = '/opt/flotilla/renderer/dist';

  it('maps files under the build folder with their content type', () => {
    expect(resolveAppFile('app://flotilla/assets/index-abc.js', root)).toEqual({
      kind: 'file',
      path: `${root}/assets/index-abc.js`,
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile('app://flotilla/', root)).toMatchObject({
      kind: 'file',
      path: `${root}/index.html`,
      mimeType: 'text/html; charset=utf-8',
    });
  });

  it('serves index.html for client-side routes', () => {
    expect(resolveAppFile('app://flotilla/tasks/abc', root)).toMatchObject({
      kind: 'file',
      path: `${root}/index.html`,
    });
  });

  it('never serves anything outside the build folder or for another host', () => {
    // The URL parser already folds encoded dot segments, so this stays inside the build folder.
    expect(resolveAppFile('app://flotilla/%2e%2e/%2e%2e/secrets.json', root)).toMatchObject({
      kind: 'file',
      path: `${root}/secrets.json`,
    });
    expect(resolveAppFile('app://flotilla/assets%2f..%2f..%2f..%2fetc%2fpasswd.txt', root)).toEqual({
      kind: 'refused',
      status: 404,
    });
    expect(resolveAppFile('app://flotilla/..%5c..%5cwin.ini', root)).toEqual({ kind: 'refused', status: 400 });
    expect(resolveAppFile('app://flotilla/a%00.js', root)).toEqual({ kind: 'refused', status: 400 });
    expect(resolveAppFile('app://flotilla/%E0%A4%A', root)).toEqual({ kind: 'refused', status: 400 });
    expect(resolveAppFile('app://evil/index.html', root)).toEqual({ kind: 'refused', status: 400 });
    expect(resolveAppFile('file:///etc/passwd', root)).toEqual({ kind: 'refused', status: 400 });
  });

  it('knows its own origin even though URL gives custom schemes an opaque one', () => {
    expect(new URL(appEntryUrl).origin).toBe('null');
    expect(isAppUrl(appEntryUrl)).toBe(true);
    expect(isAppUrl('app://flotilla.evil.com/')).toBe(false);
  });
});
