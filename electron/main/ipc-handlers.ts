import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { commands, type CommandName } from '../../shared/commands.js';
import { desktopCommands, type DesktopCommandName } from '../../shared/bridge.js';
import type { ErrorData } from '../../shared/errors.js';
import type { EngineLink } from './engine-link.js';
import {
  attachEventsChannel,
  checkCommand,
  checkDesktopCommand,
  commandChannel,
  isTrustedSender,
  untrustedSenderError,
} from '../common/ipc-gate.js';
import { updateProvider } from './provider-keys.js';
import type { KeyVault } from '../common/key-vault.js';

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorData };

/** What the IPC handlers need from the rest of the app. */
export interface IpcDeps {
  window(): BrowserWindow | null;
  link: EngineLink;
  vault: KeyVault;
  /** Problems the desktop app found (e.g. a key it could not decrypt), added to engine/info's notices. */
  notices(): string[];
  desktop: { [C in DesktopCommandName]: (params: never) => Promise<Reply> };
  /** The window's preload asked for an event port (it does on every page load). */
  onAttachRequest(contents: WebContents): void;
}

/**
 * Registers one `ipcMain.handle('cmd:<name>')` per engine command and desktop action. Each checks
 * the sender is the Flotilla window's top frame on app://flotilla, validates params with the shared
 * schema, and only then forwards; `provider/update` is intercepted so keys go to the encrypted vault.
 */
export function registerIpcHandlers(deps: IpcDeps): void {
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) => {
    const window = deps.window();
    const contents = window && !window.isDestroyed() ? window.webContents : null;
    return isTrustedSender(
      { contents: event.sender, frame: event.senderFrame },
      contents ? { contents, mainFrame: contents.mainFrame } : null,
    );
  };
  for (const name of Object.keys(commands) as CommandName[]) {
    ipcMain.handle(commandChannel(name), async (event, params: unknown): Promise<Reply> => {
      if (!trusted(event)) return { ok: false, error: untrustedSenderError };
      const checked = checkCommand(name, params);
      if (!checked.ok) return checked;
      if (name === 'provider/update')
        return updateProvider(checked.params as never, { vault: deps.vault, engine: deps.link });
      const reply = await deps.link.call(name, checked.params);
      if (name === 'engine/info' && reply.ok) {
        const info = reply.result as { notices: string[] };
        return { ok: true, result: { ...info, notices: [...info.notices, ...deps.notices()] } };
      }
      return reply;
    });
  }
  for (const name of Object.keys(desktopCommands) as DesktopCommandName[]) {
    ipcMain.handle(commandChannel(name), async (event, params: unknown): Promise<Reply> => {
      if (!trusted(event)) return { ok: false, error: untrustedSenderError };
      const checked = checkDesktopCommand(name, params);
      if (!checked.ok) return checked;
      return deps.desktop[name](checked.params as never);
    });
  }
  ipcMain.on(attachEventsChannel, (event) => {
    if (trusted(event)) deps.onAttachRequest(event.sender);
  });
}
