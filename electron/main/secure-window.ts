import { BrowserWindow, app, session, shell, type WebContents } from 'electron';
import { appEntryUrl } from '../common/app-origin.js';
import { mayNavigate, mayUsePermission, windowOpenDecision } from './web-policy.js';

/**
 * Creates the one Flotilla window: context isolation, sandbox, no Node integration, no
 * <webview>, web security on; loads the renderer from app://flotilla. Navigation away, new
 * windows, webviews and permission requests are refused (see web-policy.ts).
 */
export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Flotilla',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  guardContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}

const guarded = new WeakSet<WebContents>();

/** Applies the navigation, window-open and webview rules to a window's contents (once per contents). */
export function guardContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const refuse = (event: { preventDefault(): void }, url: string) => {
    if (!mayNavigate(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => refuse(event, event.url));
  contents.on('will-redirect', (event) => refuse(event, event.url));
  contents.on('will-frame-navigate', (event) => refuse(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
}

/** Refuses every permission except those web-policy.ts grants to the app's own top frame; blocks downloads. */
export function guardSession(): void {
  const target = session.defaultSession;
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(mayUsePermission(permission, details.requestingUrl, details.isMainFrame));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return mayUsePermission(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame ?? false);
  });
  target.setDevicePermissionHandler(() => false);
  target.on('will-download', (event) => event.preventDefault());
  // Any contents created later (a window opened some other way) get the same rules.
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}
