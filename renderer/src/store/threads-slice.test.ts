import { describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../../shared/events.js';
import { eventStream, sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { createRootStore } from './store.js';
import { maxOpenThreads, threadPageSize } from './threads-slice.js';

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('threads slice', () => {
  it('holds live events that arrive while the history loads, then applies them once, in order', async () => {
    const next = eventStream('t1');
    const history = [next({ type: 'user.message', text: 'go' }), next({ type: 'agent.text', text: 'Work' })];
    const live = [
      next({ type: 'agent.text', text: 'ing' }),
      next({ type: 'tool.started', callId: 'c', name: 'bash', input: {} }),
    ];
    const answer = deferred<{ events: ThreadEvent[] }>();
    const client = scriptedClient({ 'task/events': () => answer.promise });
    const store = createRootStore();
    store.setState({ client, tasks: { t1: sampleTask() } });
    client.subscribe((events) => store.getState().ingestEvents(events));

    const opening = store.getState().openThread('t1');
    client.emit([history[1] as ThreadEvent, ...live]);
    expect(store.getState().threads.t1?.items).toEqual([]);
    answer.resolve({ events: history });
    await opening;
    const items = store.getState().threads.t1?.items ?? [];
    expect(items.map((item) => item.kind)).toEqual(['user', 'assistant', 'tool']);
    expect(items[1]).toMatchObject({ text: 'Working' });
  });

  it('after a reconnect fetches only what each open thread missed', async () => {
    const next = eventStream('t1');
    const first = [next({ type: 'user.message', text: 'go' })];
    const missed = [next({ type: 'agent.text', text: 'done while away' })];
    const client = scriptedClient({
      'task/events': ({ afterSeq }) => ({ events: afterSeq ? missed.filter((event) => event.seq > afterSeq) : first }),
    });
    const store = createRootStore();
    store.setState({ client });
    await store.getState().openThread('t1');
    await store.getState().resyncThreads();
    expect(client.calls.map((call) => [call.method, call.params])).toEqual([
      ['task/eventPage', { taskId: 't1', limit: threadPageSize }],
      ['task/events', { taskId: 't1', afterSeq: 1 }],
    ]);
    expect(store.getState().threads.t1?.items.map((item) => item.kind)).toEqual(['user', 'assistant']);
    expect(store.getState().threads.t1?.status).toBe('ready');
  });

  it('keeps only the most recently opened threads in memory', async () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    const store = createRootStore();
    store.setState({ client });
    for (let index = 0; index <= maxOpenThreads; index++) await store.getState().openThread(`t${index}`);
    expect(Object.keys(store.getState().threads)).toHaveLength(maxOpenThreads);
    expect(store.getState().threads.t0).toBeUndefined();
    expect(store.getState().threads[`t${maxOpenThreads}`]?.status).toBe('ready');
  });

  it('opens a long thread on its last page, then pages back to its first event as asked, live events still appending', async () => {
    const next = eventStream('t1');
    const history: ThreadEvent[] = [next({ type: 'user.message', text: 'Start' })];
    for (let step = 0; history.length < threadPageSize * 2 + 500; step += 1)
      history.push(
        next({ type: 'agent.text', text: `Step ${step}. ` }),
        next({ type: 'tool.started', callId: `c${step}`, name: 'bash', input: {} }),
        next({ type: 'tool.finished', callId: `c${step}`, ok: true, result: `ran ${step}`, durationMs: 1 }),
      );
    history.push(next({ type: 'agent.text', text: 'The end.' }));
    const client = scriptedClient({ 'task/events': () => ({ events: history }) });
    const store = createRootStore();
    store.setState({ client, tasks: { t1: sampleTask() } });
    client.subscribe((events) => store.getState().ingestEvents(events));
    const thread = () => store.getState().threads.t1;

    await store.getState().openThread('t1');
    expect(thread()?.items.at(-1)).toMatchObject({ kind: 'assistant', text: 'The end.' });
    expect(thread()?.items.some((item) => item.kind === 'user')).toBe(false);
    expect(thread()?.hasEarlier).toBe(true);
    client.emit([next({ type: 'agent.text', text: ' Really.' })]);

    const loading = store.getState().loadEarlier('t1');
    expect(thread()?.loadingEarlier).toBe(true);
    await loading;
    expect(thread()?.hasEarlier).toBe(true);
    await store.getState().loadEarlier('t1');
    expect(thread()?.hasEarlier).toBe(false);
    await store.getState().loadEarlier('t1');

    const pages = client.calls.filter((call) => call.method === 'task/eventPage');
    expect(pages.map((call) => (call.params as { beforeSeq?: number }).beforeSeq)).toEqual([
      undefined,
      history.length - threadPageSize + 1,
      history.length - threadPageSize * 2 + 1,
    ]);
    const items = thread()?.items ?? [];
    expect(items[0]).toMatchObject({ kind: 'user', text: 'Start' });
    expect(items.at(-1)).toMatchObject({ kind: 'assistant', text: 'The end. Really.' });
    const tools = items.filter((item) => item.kind === 'tool');
    expect(tools).toHaveLength((history.length - 2) / 3);
    expect(tools.every((tool) => tool.state === 'ok')).toBe(true);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });
});
