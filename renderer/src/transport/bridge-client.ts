import type { Bridge, DesktopBridge } from '../../../shared/bridge.js';
import type { CommandName, CommandParams, CommandResult } from '../../../shared/commands.js';
import { toClientError } from './client-error.js';
import { createConnectionState } from './connection-state.js';
import type { EngineClient } from './engine-client.js';
import { createEventFanout, type FrameScheduler } from './event-batcher.js';

/**
 * An engine client over the Electron preload bridge (`window.flotilla`). The desktop preload tells
 * the engine connection's state (the engine runs in its own process and may restart); a bridge
 * without `onConnection` counts as always connected.
 */
export function createBridgeClient(
  bridge: Bridge & Partial<Pick<DesktopBridge, 'onConnection'>>,
  schedule?: FrameScheduler,
): EngineClient {
  const events = createEventFanout(schedule);
  const connection = createConnectionState(bridge.onConnection ? 'connecting' : 'open');
  const stopEvents = bridge.onEvent((event) => events.batcher.push(event));
  const stopChanges = bridge.onChange((change) => events.change(change));
  const stopConnection = bridge.onConnection?.((state) => {
    // Events that arrived before a drop belong to the old engine process; deliver them first.
    if (state !== 'open') events.batcher.flush();
    connection.set(state);
  });
  return {
    async call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>> {
      // The bridge's per-command functions share one shape; TypeScript cannot correlate the generic key.
      const invoke = bridge[method] as unknown as (params: CommandParams<C>) => Promise<CommandResult<C>>;
      try {
        return await invoke(params);
      } catch (error) {
        throw toClientError(error);
      }
    },
    subscribe: events.subscribe,
    onChange: events.onChange,
    onConnection: connection.listen,
    close() {
      stopEvents();
      stopChanges();
      stopConnection?.();
      events.batcher.dispose();
      connection.set('closed');
    },
  };
}
