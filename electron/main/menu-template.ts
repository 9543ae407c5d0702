import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/bridge.js';

/** What the menu's own items do (the glue wires these to the window, the renderer and the shell). */
export interface MenuActions {
  /** Tells the renderer to carry out a menu command (New Task, Add Repository…). */
  send(command: MenuCommand): void;
  /** Opens an https link in the browser. */
  openLink(url: string): void;
}

/**
 * The app menu as plain data (type-only use of Electron's menu item shape): File (New Task ⌘N,
 * Add Repository… ⇧⌘O), Edit roles, View (reload and devtools only in development, zoom, full
 * screen), Window, Help. On macOS the app menu comes first.
 */
export function menuTemplate(options: {
  platform: NodeJS.Platform;
  isDev: boolean;
  appName: string;
  actions: MenuActions;
}): MenuItemConstructorOptions[] {
  const { platform, isDev, appName, actions } = options;
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      { label: 'New Task', accelerator: 'CmdOrCtrl+N', click: () => actions.send('newTask') },
      { label: 'Add Repository…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.send('addRepository') },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      ...(isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ label: 'Window', role: 'windowMenu' });
  template.push({
    label: 'Help',
    role: 'help',
    // The project has no public home page yet; link one here when it does.
    submenu: [{ role: 'about', label: 'About Flotilla' }],
  });
  return template;
}
