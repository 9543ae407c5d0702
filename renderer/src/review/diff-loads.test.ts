import { afterEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { TaskDiff } from '../../../shared/diff.js';
import type { Task } from '../../../shared/task.js';
import type { RootState } from '../store/store.js';
import { diffFreshForMs, maxHeldDiffs } from './diff-loads.js';
import { createReviewSlice } from './review-slice.js';
import { fakeClient, makeDiff, makeFile, makeTask } from '../../../testing/renderer/review-fixtures.js';

/** A store with the review slice and a live task list, over a fake engine answering `diffs` in turn. */
function reviewStore(diffs: TaskDiff[], task: Task | null = makeTask()) {
  const answers = [...diffs];
  const pending: (() => void)[] = [];
  let hold = false;
  const client = fakeClient({
    'task/diff': () => {
      const diff = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (!hold) return { diff };
      return new Promise((resolve) => pending.push(() => resolve({ diff })));
    },
    'task/get': () => ({ task: makeTask() }),
  });
  const store = create<RootState>()(
    (...a) =>
      ({
        client,
        setClient: () => undefined,
        tasks: task ? { [task.id]: task } : {},
        ...createReviewSlice(...a),
      }) as unknown as RootState,
  );
  return {
    store,
    actions: () => store.getState(),
    diffCalls: () => client.calls.filter((call) => call.method === 'task/diff').length,
    calls: client.calls,
    review: () => store.getState().reviews['task-1']!,
    /** Holds the engine's answers until `release` is called. */
    holdAnswers: () => (hold = true),
    release: () => pending.splice(0).forEach((answer) => answer()),
    /** An event on the task: the task list moves its updatedAt, as folding any event does. */
    touchTask: (at: string) =>
      store.setState((state) => ({
        tasks: { ...state.tasks, 'task-1': { ...state.tasks['task-1']!, updatedAt: at } },
      })),
  };
}

const first = makeDiff([makeFile('src/a.ts', ['-old', '+new']), makeFile('README.md', ['+Hello'])]);

afterEach(() => {
  vi.useRealTimers();
});

describe('diff loads: prefetch and show', () => {
  it('shows a prefetched diff without asking the engine again, and skips task/get when the task is live', async () => {
    const { actions, diffCalls, calls, review } = reviewStore([first]);
    await actions().prefetchDiff('task-1');
    await actions().prefetchDiff('task-1');
    expect(review().diff).toEqual(first);
    await actions().showDiff('task-1');
    expect(diffCalls()).toBe(1);
    expect(calls.some((call) => call.method === 'task/get')).toBe(false);
  });

  it('joins a prefetch still on its way instead of starting another', async () => {
    const { actions, diffCalls, review, holdAnswers, release } = reviewStore([first]);
    holdAnswers();
    const prefetch = actions().prefetchDiff('task-1');
    const shown = actions().showDiff('task-1');
    expect(review().loading).toBe(true);
    release();
    await Promise.all([prefetch, shown]);
    expect(diffCalls()).toBe(1);
    expect(review()).toMatchObject({ loading: false, diff: first });
  });

  it('loads afresh when the task changed after the prefetch, keeping the old diff up until the new one arrives', async () => {
    const second = makeDiff([makeFile('src/a.ts', ['-old', '+newer'])]);
    const { actions, diffCalls, review, touchTask, holdAnswers, release } = reviewStore([first, second]);
    await actions().prefetchDiff('task-1');
    touchTask('2025-01-01T00:00:05.000Z');
    holdAnswers();
    const shown = actions().showDiff('task-1');
    expect(review()).toMatchObject({ loading: true, diff: first });
    release();
    await shown;
    expect(diffCalls()).toBe(2);
    expect(review()).toMatchObject({ loading: false, diff: second });
  });

  it('loads afresh when the prefetched diff is older than the freshness window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { actions, diffCalls } = reviewStore([first]);
    await actions().prefetchDiff('task-1');
    vi.setSystemTime(Date.now() + diffFreshForMs + 1);
    await actions().showDiff('task-1');
    expect(diffCalls()).toBe(2);
  });

  it('reloads every later showing, as a diff once shown may be out of date by the next', async () => {
    const { actions, diffCalls } = reviewStore([first]);
    await actions().showDiff('task-1');
    await actions().showDiff('task-1');
    expect(diffCalls()).toBe(2);
    // A prefetch right after a load has nothing to add.
    await actions().prefetchDiff('task-1');
    expect(diffCalls()).toBe(2);
  });

  it('never trusts a prefetch for a task the task list does not know (no events to go by)', async () => {
    const { actions, diffCalls, calls } = reviewStore([first], null);
    await actions().prefetchDiff('task-1');
    await actions().showDiff('task-1');
    expect(diffCalls()).toBe(2);
    expect(calls.filter((call) => call.method === 'task/get')).toHaveLength(2);
  });

  it('keeps the previous diff object when a refresh finds nothing new, and unchanged files when some changed', async () => {
    const same = structuredClone(first);
    const changed = makeDiff([structuredClone(first.files[0]!), makeFile('README.md', ['+Hello there'])]);
    const { actions, review } = reviewStore([first, same, changed]);
    await actions().loadDiff('task-1');
    const shown = review().diff!;
    await actions().loadDiff('task-1');
    expect(review().diff).toBe(shown);
    await actions().loadDiff('task-1');
    expect(review().diff).not.toBe(shown);
    expect(review().diff!.files[0]).toBe(shown.files[0]);
    expect(review().diff!.files[1]).toEqual(changed.files[1]);
  });

  it('drops the diffs of the least recently reviewed tasks past the last few, keeping their comments, and loads one again when shown', async () => {
    const { actions, store, diffCalls } = reviewStore([first]);
    const ids = Array.from({ length: 20 }, (_, index) => `task-${index + 1}`);
    actions().addComment('task-2', { path: 'src/a.ts', side: 'new', line: 1, quote: 'new' }, 'Keep this one');
    for (const id of ids) await actions().loadDiff(id);
    const held = ids.filter((id) => store.getState().reviews[id]?.diff);
    expect(held).toEqual(ids.slice(-maxHeldDiffs));
    expect(held.length).toBeLessThan(ids.length);
    expect(store.getState().reviews['task-2']?.comments.map((comment) => comment.text)).toEqual(['Keep this one']);

    const before = diffCalls();
    await actions().showDiff('task-1');
    expect(diffCalls()).toBe(before + 1);
    expect(store.getState().reviews['task-1']?.diff).toEqual(first);
  });
});
