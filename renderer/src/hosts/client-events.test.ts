import { describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../../shared/events.js';
import { eventStream } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { createRootStore } from '../store/store.js';
import { currentClientEvents } from './client-events.js';

describe('following the store’s client', () => {
  it('hands on the events of the client the store holds now, and none of the one it left', () => {
    const store = createRootStore();
    const here = scriptedClient({});
    const there = scriptedClient({});
    store.setState({ client: here });
    const seen: string[] = [];
    const stop = currentClientEvents(store)((events: readonly ThreadEvent[]) =>
      seen.push(...events.map((event) => event.taskId)),
    );
    here.emit([eventStream('local-task')({ type: 'notice', level: 'info', message: 'one' })]);
    store.setState({ client: there });
    here.emit([eventStream('local-task', 2)({ type: 'notice', level: 'info', message: 'two' })]);
    there.emit([eventStream('remote-task')({ type: 'notice', level: 'info', message: 'three' })]);
    stop();
    there.emit([eventStream('remote-task', 2)({ type: 'notice', level: 'info', message: 'four' })]);
    expect(seen).toEqual(['local-task', 'remote-task']);
  });
});
