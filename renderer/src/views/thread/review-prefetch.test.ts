import { describe, expect, it, vi } from 'vitest';
import type { Task } from '../../../../shared/task.js';
import { fakeClient, makeDiff, makeFile, makeTask } from '../../../../testing/renderer/review-fixtures.js';
import { createRootStore } from '../../store/store.js';
import { loadedReviewModule } from './review-chunk.js';
import { prefetchReview } from './review-prefetch.js';

function storeWith(task: Task, taskTab: 'thread' | 'review' = 'thread') {
  const store = createRootStore();
  const client = fakeClient({ 'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+x'])]) }) });
  store.setState({ client, tasks: { [task.id]: task }, taskTab });
  return { store, diffCalls: () => client.calls.filter((call) => call.method === 'task/diff').length };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('prefetchReview', () => {
  it('loads the review code and, once the thread has loaded, the diff', async () => {
    const { store, diffCalls } = storeWith(makeTask());
    let threadLoaded: () => void = () => undefined;
    prefetchReview('task-1', new Promise<void>((resolve) => (threadLoaded = resolve)), store);
    await settle();
    expect(diffCalls()).toBe(0);
    threadLoaded();
    // Loading the review's code on a busy machine can take longer than vi.waitFor's one-second default.
    const loading = { timeout: 10_000 };
    await vi.waitFor(() => expect(store.getState().reviews['task-1']?.diff?.files[0]?.path).toBe('src/a.ts'), loading);
    expect(diffCalls()).toBe(1);
    await vi.waitFor(() => expect(loadedReviewModule()).not.toBeNull(), loading);
  });

  it('leaves tasks without a worktree, discarded or busy tasks, and an open Review tab alone', async () => {
    const cases = [
      storeWith(makeTask({ hasWorktree: false })),
      storeWith(makeTask({ status: 'discarded' })),
      storeWith(makeTask({ status: 'running' })),
      storeWith(makeTask(), 'review'),
    ];
    for (const { store } of cases) prefetchReview('task-1', Promise.resolve(), store);
    await settle();
    expect(cases.map(({ diffCalls }) => diffCalls())).toEqual([0, 0, 0, 0]);
  });

  it('prefetches again when a turn ends while the thread is open, and not after being called off', async () => {
    const running = makeTask({ status: 'running' });
    const { store, diffCalls } = storeWith(running);
    const cancel = prefetchReview('task-1', Promise.resolve(), store);
    await settle();
    expect(diffCalls()).toBe(0);
    const turn = (status: Task['status'], at: string) =>
      store.setState({ tasks: { 'task-1': { ...running, status, updatedAt: at } } });
    turn('done', '2025-01-01T00:01:00.000Z');
    await vi.waitFor(() => expect(diffCalls()).toBe(1));
    turn('running', '2025-01-01T00:02:00.000Z');
    turn('done', '2025-01-01T00:03:00.000Z');
    await vi.waitFor(() => expect(diffCalls()).toBe(2));
    cancel();
    turn('running', '2025-01-01T00:04:00.000Z');
    turn('done', '2025-01-01T00:05:00.000Z');
    await settle();
    expect(diffCalls()).toBe(2);
  });

  it('does nothing once called off', async () => {
    const { store, diffCalls } = storeWith(makeTask());
    const cancel = prefetchReview('task-1', Promise.resolve(), store);
    cancel();
    await settle();
    expect(diffCalls()).toBe(0);
  });
});
