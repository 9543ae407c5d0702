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

/** A remote host's event stream: its own port from the engine process, and the page's listeners. */
interface HostStream {
  port: MessagePort | null;
  events: ReturnType<typeof listenerSet<ThreadEvent>>;
  changes: ReturnType<typeof listenerSet<EngineChange>>;
}
const hostStreams = new Map<string, HostStream>();

const deliver =
  (to: { events: typeof events; changes: typeof changes }) =>
  (message: MessageEvent): void => {
    const threadEvent = eventFromFrame(message.data);
    if (threadEvent) return to.events.emit(threadEvent);
    const change = changeFromFrame(message.data);
    if (change) to.changes.emit(change);
  };

// Thread events and configuration changes arrive on a port straight from the engine process, not relayed one by one by
// main: one port for this machine's engine, one per remote host the page opened (named in the message).
ipcRenderer.on(rendererChannels.engineEvents, (event, host: unknown) => {
  const [port] = event.ports;
  if (!port) return;
  if (typeof host === 'string') {
    const stream = hostStreams.get(host);
    if (!stream) return port.close();
    stream.port?.close();
    stream.port = port;
    port.onmessage = deliver(stream);
    return;
  }
  eventPort?.close();
  eventPort = port;
  port.onmessage = deliver({ events, changes });
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
    invoke: (channel, params, host) =>
      (host === undefined
        ? ipcRenderer.invoke(channel, params)
        : ipcRenderer.invoke(channel, params, host)) as Promise<IpcReply>,
    onEvent: events.add,
    onChange: changes.add,
    onOpenTask: openTask.add,
    onMenuCommand: menu.add,
    onConnection: (listener) => {
      listener(state);
      return connection.add(listener);
    },
    hostEvents(host) {
      let stream = hostStreams.get(host);
      if (!stream) {
        stream = { port: null, events: listenerSet<ThreadEvent>(), changes: listenerSet<EngineChange>() };
        hostStreams.set(host, stream);
        ipcRenderer.send(attachEventsChannel, host);
      }
      return { onEvent: stream.events.add, onChange: stream.changes.add };
    },
  }),
);

// Ask for an event port now (and again after every reload, since this script runs again).
ipcRenderer.send(attachEventsChannel);
