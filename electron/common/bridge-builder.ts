import { commands, type CommandName } from '../../shared/commands.js';
import {
  desktopCommands,
  type BridgeConnectionState,
  type DesktopCommandName,
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
  invoke(channel: string, params: unknown): Promise<IpcReply>;
  onEvent(listener: (event: ThreadEvent) => void): () => void;
  onChange(listener: (change: EngineChange) => void): () => void;
  onOpenTask(listener: (request: { taskId: string }) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onConnection(listener: (state: BridgeConnectionState) => void): () => void;
}

/**
 * Builds `window.flotilla`: one function per engine command and desktop action (each invokes
 * `cmd:<name>` and unwraps the reply, rejecting with plain `{ code, message, details }`), plus
 * the subscriptions. Listener functions are wrapped so the renderer never gets Electron's event objects.
 */
export function buildBridge(transport: BridgeTransport): PreloadApi {
  const api: Record<string, unknown> = {};
  const names = [
    ...(Object.keys(commands) as CommandName[]),
    ...(Object.keys(desktopCommands) as DesktopCommandName[]),
  ];
  for (const name of names) {
    const channel = commandChannel(name);
    api[name] = async (params: unknown) => unwrap(await transport.invoke(channel, params ?? {}));
  }
  api.onEvent = (listener: (event: ThreadEvent) => void) => transport.onEvent((event) => listener(event));
  api.onChange = (listener: (change: EngineChange) => void) => transport.onChange((change) => listener(change));
  api.onOpenTask = (listener: (request: { taskId: string }) => void) =>
    transport.onOpenTask((request) => listener({ taskId: request.taskId }));
  api.onMenuCommand = (listener: (command: MenuCommand) => void) =>
    transport.onMenuCommand((command) => listener(command));
  api.onConnection = (listener: (state: BridgeConnectionState) => void) =>
    transport.onConnection((state) => listener(state));
  return Object.freeze(api) as PreloadApi;
}

function unwrap(reply: IpcReply): unknown {
  if (reply.ok) return reply.result;
  // Plain data, not an Error: the context bridge would keep only an Error's message.
  throw { ...reply.error };
}
