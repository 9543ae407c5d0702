// The window's preload (sandboxed, bundled to one CommonJS file): exposes `window.flotilla` and
// nothing else. ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { menuCommands, type BridgeConnectionState, type MenuCommand } from '../../shared/bridge.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import { buildBridge, type IpcReply } from '../common/bridge-builder.js';
import { changeFromFrame, eventFromFrame } from '../common/engine-protocol.js';
import { attachEventsChannel, rendererChannels } from '../common/ipc-gate.js';
import { listenerSet } from '../common/listener-set.js';

const events = listenerSet<ThreadEvent>();
const changes = listenerSet<EngineChange>();
const openTask = listenerSet<{ taskId: string }>();
const menu = listenerSet<MenuCommand>();
const connection = listenerSet<BridgeConnectionState>();
let state: BridgeConnectionState = 'connecting';
let eventPort: MessagePort | null = null;

// Thread events and configuration changes arrive on a port straight from the engine process, not relayed one by one by
// main.
ipcRenderer.on(rendererChannels.engineEvents, (event) => {
  const [port] = event.ports;
  if (!port) return;
  eventPort?.close();
  eventPort = port;
  port.onmessage = (message: MessageEvent) => {
    const threadEvent = eventFromFrame(message.data);
    if (threadEvent) return events.emit(threadEvent);
    const change = changeFromFrame(message.data);
    if (change) changes.emit(change);
  };
});
ipcRenderer.on(rendererChannels.connection, (_event, next: unknown) => {
  if (next !== 'connecting' && next !== 'open' && next !== 'closed') return;
  state = next;
  connection.emit(next);
});
ipcRenderer.on(rendererChannels.openTask, (_event, request: unknown) => {
  const taskId = (request as { taskId?: unknown } | null)?.taskId;
  if (typeof taskId === 'string') openTask.emit({ taskId });
});
ipcRenderer.on(rendererChannels.menu, (_event, command: unknown) => {
  if (menuCommands.includes(command as MenuCommand)) menu.emit(command as MenuCommand);
});

contextBridge.exposeInMainWorld(
  'flotilla',
  buildBridge({
    invoke: (channel, params) => ipcRenderer.invoke(channel, params) as Promise<IpcReply>,
    onEvent: events.add,
    onChange: changes.add,
    onOpenTask: openTask.add,
    onMenuCommand: menu.add,
    onConnection: (listener) => {
      listener(state);
      return connection.add(listener);
    },
  }),
);

// Ask for an event port now (and again after every reload, since this script runs again).
ipcRenderer.send(attachEventsChannel);
