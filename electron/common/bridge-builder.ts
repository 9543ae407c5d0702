import { commands, type CommandName } from '../../shared/commands.js';
import {
  desktopCommands,
  type BridgeConnectionState,
  type DesktopCommandName,
  type HostBridge,
  type MenuCommand,
  type PreloadApi,
} from '../../shared/bridge.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ErrorData } from '../../shared/errors.js';
import type { ThreadEvent } from '../../shared/events.js';
import { commandChannel } from './ipc-gate.js';

/** What an IPC handler in the main process answers: results and failures both resolve, so error codes survive IPC. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ErrorData };

/**
 * What the bridge needs from the preload: invoke on a channel and the subscriptions (Electron's ipcRenderer and the
 * event port).
 */
export interface BridgeTransport {
  /** Invokes a command's channel; with `host`, the command runs on that remote host. */
  invoke(channel: string, params: unknown, host?: string): Promise<IpcReply>;
  onEvent(listener: (event: ThreadEvent) => void): () => void;
  onChange(listener: (change: EngineChange) => void): () => void;
  onOpenTask(listener: (request: { taskId: string }) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onConnection(listener: (state: BridgeConnectionState) => void): () => void;
  /** A remote host's event subscriptions (the preload asks main for that host's event port on first use). */
  hostEvents(host: string): Pick<BridgeTransport, 'onEvent' | 'onChange'>;
}

/**
 * Builds `window.flotilla`: one function per engine command and desktop action (each invokes
 * `cmd:<name>` and unwraps the reply, rejecting with plain `{ code, message, details }`), plus
 * the subscriptions. Listener functions are wrapped so the renderer never gets Electron's event objects.
 * `openHost` gives the same engine functions and subscriptions for a remote host.
 */
export function buildBridge(transport: BridgeTransport): PreloadApi {
  const api: Record<string, unknown> = engineFunctions(transport, transport);
  for (const name of Object.keys(desktopCommands) as DesktopCommandName[]) {
    const channel = commandChannel(name);
    api[name] = async (params: unknown) => unwrap(await transport.invoke(channel, params ?? {}));
  }
  api.onOpenTask = (listener: (request: { taskId: string }) => void) =>
    transport.onOpenTask((request) => listener({ taskId: request.taskId }));
  api.onMenuCommand = (listener: (command: MenuCommand) => void) =>
    transport.onMenuCommand((command) => listener(command));
  api.onConnection = (listener: (state: BridgeConnectionState) => void) =>
    transport.onConnection((state) => listener(state));
  api.openHost = (host: unknown): HostBridge => {
    if (typeof host !== 'string' || host === '')
      throw { code: 'invalidInput', message: 'Give the name of a host in hosts.json to open.' };
    const hostApi = engineFunctions(transport, transport.hostEvents(host), host);
    hostApi.onConnection = api.onConnection;
    return Object.freeze(hostApi) as HostBridge;
  };
  return Object.freeze(api) as PreloadApi;
}

function engineFunctions(
  transport: BridgeTransport,
  events: Pick<BridgeTransport, 'onEvent' | 'onChange'>,
  host?: string,
): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(commands) as CommandName[]) {
    const channel = commandChannel(name);
    api[name] = async (params: unknown) =>
      unwrap(
        await (host === undefined
          ? transport.invoke(channel, params ?? {})
          : transport.invoke(channel, params ?? {}, host)),
      );
  }
  api.onEvent = (listener: (event: ThreadEvent) => void) => events.onEvent((event) => listener(event));
  api.onChange = (listener: (change: EngineChange) => void) => events.onChange((change) => listener(change));
  return api;
}

function unwrap(reply: IpcReply): unknown {
  if (reply.ok) return reply.result;
  // Plain data, not an Error: the context bridge would keep only an Error's message.
  throw { ...reply.error };
}
