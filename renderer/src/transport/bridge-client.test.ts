import type { EngineChange } from '../../../shared/engine-events.js';
import { describe, expect, it } from 'vitest';
import type { Bridge, BridgeConnectionState } from '../../../shared/bridge.js';
import type { ThreadEvent } from '../../../shared/events.js';
import { eventStream, sampleTask } from '../../../testing/renderer/events.js';
import { createBridgeClient } from './bridge-client.js';
import { ClientError } from './client-error.js';
import type { ConnectionState } from './engine-client.js';

function fakeBridge() {
  const eventListeners = new Set<(event: ThreadEvent) => void>();
  const connectionListeners = new Set<(state: BridgeConnectionState) => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  const bridge = {
    onChange(listener: (change: EngineChange) => void) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onEvent(listener: (event: ThreadEvent) => void) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener: (state: BridgeConnectionState) => void) {
      listener('connecting');
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    'repo/list': async () => ({ repos: [] }),
    // The preload rejects with plain error data: Error objects lose their fields across the context bridge.
    'task/get': async () => Promise.reject({ code: 'notFound', message: 'No task "x". See `flotilla list`.' }),
  } as unknown as Bridge & { onConnection(listener: (state: BridgeConnectionState) => void): () => void };
  return {
    bridge,
    emit: (event: ThreadEvent) => eventListeners.forEach((listener) => listener(event)),
    change: (change: EngineChange) => changeListeners.forEach((listener) => listener(change)),
    setState: (state: BridgeConnectionState) => connectionListeners.forEach((listener) => listener(state)),
  };
}

describe('bridge transport', () => {
  it('calls commands through window.flotilla and keeps the engine’s error code and message', async () => {
    const { bridge } = fakeBridge();
    const client = createBridgeClient(bridge);
    expect(await client.call('repo/list', {})).toEqual({ repos: [] });
    const failure = await client.call('task/get', { taskId: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ClientError);
    expect(failure).toMatchObject({ code: 'notFound', message: 'No task "x". See `flotilla list`.' });
  });

  it('batches events per frame and follows the engine connection the preload reports', () => {
    const { bridge, emit, setState } = fakeBridge();
    const frames: (() => void)[] = [];
    const client = createBridgeClient(bridge, (callback) => {
      frames.push(callback);
      return () => undefined;
    });
    const states: ConnectionState[] = [];
    client.onConnection((state) => states.push(state));
    const batches: (readonly ThreadEvent[])[] = [];
    client.subscribe((events) => batches.push(events));
    const next = eventStream('t1');
    emit(next({ type: 'task.created', task: sampleTask() }));
    emit(next({ type: 'agent.text', text: 'hi' }));
    expect(batches).toHaveLength(0);
    frames.splice(0).forEach((run) => run());
    expect(batches.map((batch) => batch.length)).toEqual([2]);
    setState('open');
    setState('connecting');
    setState('open');
    expect(states).toEqual(['connecting', 'open', 'connecting', 'open']);
  });

  it('delivers a configuration change after the thread events that came before it, without waiting for a frame', () => {
    const { bridge, emit, change } = fakeBridge();
    const client = createBridgeClient(bridge, () => () => undefined);
    const seen: string[] = [];
    client.subscribe((events) => seen.push(...events.map((event) => event.type)));
    client.onChange((update) => seen.push(update.type));
    const next = eventStream('t1');
    emit(next({ type: 'task.created', task: sampleTask() }));
    change({ type: 'repo.removed', repoId: 'r1' });
    expect(seen).toEqual(['task.created', 'repo.removed']);
  });
});
