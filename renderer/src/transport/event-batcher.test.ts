import { describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../../shared/events.js';
import { createRootStore } from '../store/store.js';
import { eventStream, sampleTask } from '../../../testing/renderer/events.js';
import { createConnectionState } from './connection-state.js';
import type { EngineClient } from './engine-client.js';
import { createEventBatcher, createEventFanout, nextFrame, type FrameScheduler } from './event-batcher.js';

/** A scheduler whose frames run only when the test says so. */
function manualFrames(): { schedule: FrameScheduler; runFrame(): void; pending(): number } {
  let callbacks: (() => void)[] = [];
  return {
    schedule(callback) {
      callbacks.push(callback);
      return () => {
        callbacks = callbacks.filter((candidate) => candidate !== callback);
      };
    },
    runFrame() {
      const due = callbacks;
      callbacks = [];
      for (const callback of due) callback();
    },
    pending: () => callbacks.length,
  };
}

function manyEvents(count: number): ThreadEvent[] {
  const next = eventStream('t1');
  const events: ThreadEvent[] = [next({ type: 'task.created', task: sampleTask() })];
  for (let index = 1; index < count; index++) events.push(next({ type: 'agent.text', text: `word${index} ` }));
  return events;
}

describe('event batching', () => {
  it('delivers every event pushed during a frame in one call, in order', () => {
    const frames = manualFrames();
    const batches: (readonly ThreadEvent[])[] = [];
    const batcher = createEventBatcher((events) => batches.push(events), frames.schedule);
    const events = manyEvents(1000);
    for (const event of events) batcher.push(event);
    expect(batches).toHaveLength(0);
    expect(frames.pending()).toBe(1);
    frames.runFrame();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(events);
    frames.runFrame();
    expect(batches).toHaveLength(1);
  });

  it('makes one store update per frame however many events arrive', () => {
    const frames = manualFrames();
    const fanout = createEventFanout(frames.schedule);
    const client: EngineClient = {
      call: () => Promise.reject(new Error('not used')),
      subscribe: fanout.subscribe,
      onChange: fanout.onChange,
      onConnection: createConnectionState('connecting').listen,
    };
    const store = createRootStore();
    store.getState().connect(client);
    let updates = 0;
    store.subscribe(() => (updates += 1));

    const next = eventStream('t1');
    fanout.batcher.push(next({ type: 'task.created', task: sampleTask() }));
    for (let index = 0; index < 500; index++) fanout.batcher.push(next({ type: 'agent.text', text: 'x' }));
    fanout.batcher.push(next({ type: 'status.changed', status: 'running', previous: 'queued', message: null }));
    expect(updates).toBe(0);
    frames.runFrame();
    expect(updates).toBe(1);
    expect(store.getState().tasks.t1?.status).toBe('running');
    expect(store.getState().activity.t1).toBe('Running');
  });

  it('still delivers when animation frames never come (background tab, no layout)', async () => {
    const batches: (readonly ThreadEvent[])[] = [];
    const batcher = createEventBatcher((events) => batches.push(events), nextFrame);
    for (const event of manyEvents(3)) batcher.push(event);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(3);
  });
});
