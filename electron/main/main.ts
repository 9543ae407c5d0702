// The Electron main process: one secure window, the engine in a utility process, keys in the OS
// keychain, notifications, tray and menu. Logic that can be tested without Electron lives in
// electron/main/*-policy, *-gate, *-link, *-vault and friends; this file only wires them.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Menu, app, dialog, shell, type BrowserWindow } from 'electron';
import { activeStatuses } from '../../shared/task.js';
import { resolveHome } from '../../engine/home.js';
import type { MenuCommand } from '../../shared/bridge.js';
import { backgroundMode } from './background-mode.js';
import { closeChoice, closeQuestion } from './close-policy.js';
import { connectEventPort, engineProcessFactory } from './engine-host.js';
import { readShellEnvironment, withShellEnvironment } from './shell-environment.js';
import { EngineLink } from './engine-link.js';
import { rendererChannels } from '../common/ipc-gate.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { KeyVault } from '../common/key-vault.js';
import { currentKeyPolicy, safeStorageCipher } from './keychain.js';
import { menuTemplate } from './menu-template.js';
import type { NotifiedTask } from '../../shared/notification-policy.js';
import { createInboxNotifier } from './inbox-notifier.js';
import { createNotifier } from './notifier.js';
import { createMainWindow, guardSession } from './secure-window.js';
import { registerAppScheme, serveRenderer } from './serve-renderer.js';
import { shellActions } from './shell-actions.js';
import { externalUrl } from './web-policy.js';
import { withWindowJsFlags } from '../common/window-v8.js';

// This bundle is out/main/main.js: the preload and engine entry sit next to it, the renderer build two levels up.
const bundleDir = fileURLToPath(new URL('.', import.meta.url));
const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const shutdownTimeoutMs = 30_000;

app.setName('Flotilla');
// The app's data folder is the CLI's FLOTILLA_HOME (same default per OS, same override), so
// both always find the same engine; Chromium's own data lives there too.
app.setPath('userData', resolveHome(process.env));
registerAppScheme();
// Before the window's renderer starts: it takes V8 flags from the command line it is given.
app.commandLine.appendSwitch('js-flags', withWindowJsFlags(app.commandLine.getSwitchValue('js-flags'), process.env));

if (!app.requestSingleInstanceLock()) app.quit();
else void start();

async function start(): Promise<void> {
  // Read while Electron starts up: the engine and the editor/terminal launchers need the user's PATH.
  const shellEnvironment = readShellEnvironment(process.env.SHELL, 5_000);
  await app.whenReady();
  const loginShell = await shellEnvironment;
  Object.assign(process.env, withShellEnvironment(process.env, loginShell));
  const home = app.getPath('userData');
  guardSession();
  serveRenderer(join(appRoot, 'renderer', 'dist'));

  let window: BrowserWindow | null = null;
  const liveWindow = () => (window && !window.isDestroyed() ? window : null);
  const send = (channel: string, payload: unknown) => liveWindow()?.webContents.send(channel, payload);
  const desktopNotices: string[] = [];
  const shellNotices =
    !loginShell.ok && process.platform !== 'win32'
      ? [
          `Could not read your login shell's environment (${loginShell.reason}), so agents installed with Homebrew, nvm or npm may not be found. Start Flotilla from a terminal, or give each agent's full path in Settings.`,
        ]
      : [];
  let eventsWanted = false;
  /** The remote hosts whose events the window's page asked for (again after every engine restart). */
  const hostsWanted = new Set<string>();
  const vault = new KeyVault(join(home, 'provider-keys.json'), safeStorageCipher, currentKeyPolicy);

  const link: EngineLink = new EngineLink({
    spawn: engineProcessFactory(join(bundleDir, 'engine-process.cjs'), home),
    async loadKeys() {
      const { keys, problems } = await vault.loadAll();
      desktopNotices.splice(0, desktopNotices.length, ...problems);
      return keys;
    },
    onState(state, error) {
      send(rendererChannels.connection, state);
      if (state === 'closed' && error) dialog.showErrorBox('Flotilla could not start its engine', error.message);
    },
    onReady() {
      // Only a page whose preload is listening gets a port; a loading page asks for its own.
      const current = liveWindow();
      if (!current || !eventsWanted) return;
      connectEventPort(link, current.webContents);
      for (const host of hostsWanted) connectEventPort(link, current.webContents, host);
    },
    onNotify: (event) => void notify(event),
    onNotifyInbox: (run) => notifyInbox(run),
  });

  let quitState: 'running' | 'closing' | 'closed' = 'running';
  const quit = () => app.quit();
  const background = backgroundMode({ window: liveWindow, quit });
  const openTask = (taskId: string) => {
    background.open();
    send(rendererChannels.openTask, { taskId });
  };
  const notify = createNotifier({
    windowFocused: () => Boolean(liveWindow()?.isVisible() && liveWindow()?.isFocused()),
    async task(taskId) {
      const reply = await link.call('task/get', { taskId });
      if (!reply.ok) return null;
      const { task } = reply.result as { task: NotifiedTask };
      return { title: task.title, changes: task.changes, lastVerify: task.lastVerify };
    },
    openTask,
  });
  const notifyInbox = createInboxNotifier({
    windowFocused: () => Boolean(liveWindow()?.isVisible() && liveWindow()?.isFocused()),
    async automationNames() {
      const reply = await link.call('automation/list', {});
      const list = reply.ok ? (reply.result as { automations: { id: string; name: string }[] }).automations : [];
      return new Map(list.map((automation) => [automation.id, automation.name]));
    },
    open(run) {
      if (!run?.taskId) {
        background.open();
        send(rendererChannels.menu, 'openInbox');
        return;
      }
      openTask(run.taskId);
      void link.call('inbox/mark', { runId: run.runId, state: 'read' });
    },
  });

  registerIpcHandlers({
    window: liveWindow,
    link,
    vault,
    notices: () => [...shellNotices, ...desktopNotices],
    onAttachRequest(contents, host) {
      if (host !== null) {
        hostsWanted.add(host);
        connectEventPort(link, contents, host);
        return;
      }
      // A page (re)loaded: it asks again for the hosts it opens.
      hostsWanted.clear();
      eventsWanted = true;
      connectEventPort(link, contents);
      contents.send(rendererChannels.connection, link.state);
    },
    desktop: shellActions({
      userData: home,
      window: liveWindow,
      async openableRoots() {
        const reply = await link.call('repo/list', {});
        const repos = reply.ok ? (reply.result as { repos: { path: string }[] }).repos.map((repo) => repo.path) : [];
        return [join(home, 'worktrees'), ...repos];
      },
    }),
  });

  const sendMenu = (command: MenuCommand) => {
    background.open();
    send(rendererChannels.menu, command);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        isDev: !app.isPackaged,
        appName: app.getName(),
        actions: { send: sendMenu, openLink: (url) => void (externalUrl(url) && shell.openExternal(url)) },
      }),
    ),
  );

  const activeTaskCount = async (): Promise<number> => {
    const reply = await link.call('task/list', { status: [...activeStatuses] });
    return reply.ok ? (reply.result as { tasks: unknown[] }).tasks.length : 0;
  };
  const automationsOn = async (): Promise<number> => {
    const reply = await link.call('automation/list', {});
    return reply.ok
      ? (reply.result as { automations: { paused: boolean }[] }).automations.filter((one) => !one.paused).length
      : 0;
  };
  let asking = false;
  const onClose = async () => {
    if (asking) return;
    asking = true;
    try {
      const active = await activeTaskCount();
      const automations = active === 0 ? await automationsOn() : 0;
      if (active === 0 && automations === 0) return process.platform === 'darwin' ? liveWindow()?.hide() : quit();
      const current = liveWindow();
      const question = closeQuestion(active, process.platform, automations);
      const { response } = current
        ? await dialog.showMessageBox(current, question)
        : await dialog.showMessageBox(question);
      const choice = closeChoice(response);
      switch (choice) {
        case 'background':
          return background.enter();
        case 'stop':
          return quit();
        case 'cancel':
          return;
        default: {
          const unreachable: never = choice;
          return unreachable;
        }
      }
    } finally {
      asking = false;
    }
  };

  // The engine starts while the window loads; calls made before it is ready wait for it.
  link
    .start()
    .catch((error: unknown) =>
      dialog.showErrorBox(
        'Flotilla could not start its engine',
        error instanceof Error ? error.message : String(error),
      ),
    );
  window = createMainWindow(join(bundleDir, 'preload.cjs'));
  window.webContents.on('did-start-loading', () => {
    eventsWanted = false;
  });
  window.on('close', (event) => {
    if (quitState !== 'running') return;
    event.preventDefault();
    void onClose();
  });

  app.on('second-instance', () => background.open());
  app.on('activate', () => background.open());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') quit();
  });
  // Quitting waits for the engine to close: running turns are recorded as interrupted, never lost.
  app.on('before-quit', (event) => {
    if (quitState === 'closed') return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    background.dispose();
    void link.shutdown(shutdownTimeoutMs).finally(() => {
      quitState = 'closed';
      app.quit();
    });
  });
}
