import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { commands, type CommandName } from '../../shared/commands.js';
import { desktopCommands, type DesktopCommandName } from '../../shared/bridge.js';
import type { ErrorData } from '../../shared/errors.js';
import { hostNameSchema } from '../../shared/hosts.js';
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
  /** The window's preload asked for an event port (it does on every page load), or one for a remote host's events. */
  onAttachRequest(contents: WebContents, host: string | null): void;
}

/**
 * Registers one `ipcMain.handle('cmd:<name>')` per engine command and desktop action. Each checks
 * the sender is the Flotilla window's top frame on app://flotilla, validates params with the shared
 * schema, and only then forwards; `provider/update` is intercepted so keys go to the encrypted vault. A command
 * invoked with a host name after its params runs on that remote host, through the engine process.
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
    ipcMain.handle(commandChannel(name), async (event, params: unknown, host: unknown): Promise<Reply> => {
      if (!trusted(event)) return { ok: false, error: untrustedSenderError };
      const checked = checkCommand(name, params);
      if (!checked.ok) return checked;
      if (host !== undefined && host !== null) {
        const named = checkHost(host);
        return named.ok ? deps.link.call(name, checked.params, named.host) : named;
      }
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
  ipcMain.on(attachEventsChannel, (event, host: unknown) => {
    if (!trusted(event)) return;
    if (host === undefined || host === null) return deps.onAttachRequest(event.sender, null);
    const named = checkHost(host);
    if (named.ok) deps.onAttachRequest(event.sender, named.host);
  });
}

function checkHost(host: unknown): { ok: true; host: string } | { ok: false; error: ErrorData } {
  const parsed = hostNameSchema.safeParse(host);
  if (parsed.success) return { ok: true, host: parsed.data };
  return {
    ok: false,
    error: {
      code: 'invalidInput',
      message: `${JSON.stringify(host)} is not a host name: use letters, digits, dots, dashes or underscores, such as buildbox.`,
    },
  };
}
