import { Menu, Tray, nativeImage, type BrowserWindow } from 'electron';
import { trayIconDataUrl } from './tray-icon.js';

/**
 * Keeps Flotilla running with its window hidden while agents work: a tray icon ("Open Flotilla",
 * "Quit") on Windows and Linux; on macOS the Dock icon stays and reopens the window.
 */
export function backgroundMode(deps: { window(): BrowserWindow | null; quit(): void }) {
  let tray: Tray | null = null;
  const open = () => {
    tray?.destroy();
    tray = null;
    const window = deps.window();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  return {
    /** Hides the window and shows the tray icon (or relies on the Dock on macOS). */
    enter() {
      deps.window()?.hide();
      if (process.platform === 'darwin' || tray) return;
      tray = new Tray(nativeImage.createFromDataURL(trayIconDataUrl));
      tray.setToolTip('Flotilla: agents are working');
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Open Flotilla', click: open },
          { type: 'separator' },
          { label: 'Quit', click: () => deps.quit() },
        ]),
      );
      tray.on('click', open);
    },
    /** Shows and focuses the window again, removing the tray icon. */
    open,
    /** Removes the tray icon (on quit). */
    dispose() {
      tray?.destroy();
      tray = null;
    },
  };
}
