import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { RootState } from '../store/store.js';
import { ClientError } from '../transport/client-error.js';
import { createReviewSlice } from './review-slice.js';
import {
  fakeClient,
  makeDiff,
  makeFile,
  makePreview,
  makeTask,
  type FakeHandlers,
} from '../../../testing/renderer/review-fixtures.js';

/** A store holding only the review slice, over a fake engine client. */
function reviewStore(handlers: FakeHandlers) {
  const client = fakeClient(handlers);
  const store = create<RootState>()(
    (...a) => ({ client, setClient: () => undefined, ...createReviewSlice(...a) }) as unknown as RootState,
  );
  return { store, client, review: () => store.getState().reviews['task-1']! };
}

const diff = makeDiff([
  makeFile('src/a.ts', [' keep', '-const x = 1;', '+const count = 1;']),
  makeFile('README.md', ['+Hello']),
]);

describe('review slice: diff', () => {
  it('loads the diff and the task, and keeps the engine message when the diff fails', async () => {
    const { store, review } = reviewStore({ 'task/diff': () => ({ diff }), 'task/get': () => ({ task: makeTask() }) });
    await store.getState().loadDiff('task-1');
    expect(review()).toMatchObject({ loading: false, error: null, diff, task: { title: 'Add a greeting' } });

    const failing = reviewStore({
      'task/diff': () =>
        Promise.reject(new ClientError('noWorktree', 'Task task-1 has no worktree; restore it first.')),
      'task/get': () => ({ task: makeTask({ status: 'discarded' }) }),
    });
    await failing.store.getState().loadDiff('task-1');
    expect(failing.review().error).toEqual({
      code: 'noWorktree',
      message: 'Task task-1 has no worktree; restore it first.',
    });
    expect(failing.review().task?.status).toBe('discarded');
  });

  it('ignores a slow answer that a newer refresh overtook', async () => {
    const answers: ((value: { diff: typeof diff }) => void)[] = [];
    const { store, review } = reviewStore({
      'task/diff': () => new Promise((resolve) => answers.push(resolve)),
      'task/get': () => ({ task: makeTask() }),
    });
    const first = store.getState().loadDiff('task-1');
    const second = store.getState().loadDiff('task-1');
    const newer = makeDiff([makeFile('new.ts', ['+x'])]);
    answers[1]!({ diff: newer });
    await second;
    answers[0]!({ diff });
    await first;
    expect(review().diff).toBe(newer);
  });
});

describe('review slice: comments and request changes', () => {
  const anchor = { path: 'src/a.ts', side: 'new' as const, line: 2, quote: 'const count = 1;' };

  it('adds, edits and removes comments through the comment box', () => {
    const { store, review } = reviewStore({});
    const actions = store.getState();
    actions.openCommentDraft('task-1', anchor);
    actions.setCommentDraftText('task-1', '   ');
    actions.saveCommentDraft('task-1');
    expect(review().comments).toEqual([]);
    actions.setCommentDraftText('task-1', 'Call it total.');
    actions.saveCommentDraft('task-1');
    expect(review().draft).toBeNull();
    const [added] = review().comments;
    expect(added).toMatchObject({ ...anchor, text: 'Call it total.' });

    actions.editComment('task-1', added!.id);
    expect(review().draft).toMatchObject({ editing: added!.id, text: 'Call it total.' });
    actions.setCommentDraftText('task-1', 'Call it sum.');
    actions.saveCommentDraft('task-1');
    expect(review().comments.map((comment) => comment.text)).toEqual(['Call it sum.']);

    actions.removeComment('task-1', added!.id);
    expect(review().comments).toEqual([]);
  });

  it('sends all comments as one message grouped by file, then clears them', async () => {
    const { store, client, review } = reviewStore({
      'task/diff': () => ({ diff }),
      'task/get': () => ({ task: makeTask() }),
      'task/send': () => ({ task: makeTask({ status: 'running' }) }),
    });
    await store.getState().loadDiff('task-1');
    store.getState().addComment('task-1', anchor, 'Call it total.');
    store
      .getState()
      .addComment('task-1', { path: 'README.md', side: 'new', line: 1, quote: 'Hello' }, 'Say hello to the user.');
    store
      .getState()
      .addComment(
        'task-1',
        { path: 'src/a.ts', side: 'old', line: 1, quote: 'const x = 1;' },
        'Keep the old name in a comment.',
      );
    await store.getState().requestChanges('task-1');

    const sends = client.calls.filter((call) => call.method === 'task/send');
    expect(sends).toEqual([
      {
        method: 'task/send',
        params: {
          taskId: 'task-1',
          text: [
            'Please address these 3 review comments on your changes:',
            '',
            'src/a.ts',
            '- src/a.ts:1 (removed line) — `const x = 1;` — Keep the old name in a comment.',
            '- src/a.ts:2 — `const count = 1;` — Call it total.',
            '',
            'README.md',
            '- README.md:1 — `Hello` — Say hello to the user.',
            '',
          ].join('\n'),
        },
      },
    ]);
    expect(review().comments).toEqual([]);
    expect(review().sending).toEqual({ status: 'done' });
    expect(review().task?.status).toBe('running');
  });

  it('keeps the comments and the engine message when sending fails', async () => {
    const { store, review } = reviewStore({
      'task/send': () =>
        Promise.reject(
          new ClientError('taskBusy', 'The agent is still working; wait for it to finish, then send again.'),
        ),
    });
    store.getState().addComment('task-1', anchor, 'Call it total.');
    await store.getState().requestChanges('task-1');
    expect(review().comments).toHaveLength(1);
    expect(review().sending).toEqual({
      status: 'failed',
      error: { code: 'taskBusy', message: 'The agent is still working; wait for it to finish, then send again.' },
    });
  });
});

describe('review slice: merge', () => {
  it('merges against the previewed tip; a moved base fails with the engine message and needs a new preview', async () => {
    const tips = ['1'.repeat(40), '2'.repeat(40)];
    const moved = 'main moved since the preview (was 1111111, now 2222222). Preview again and merge.';
    const { store, client, review } = reviewStore({
      'task/mergePreview': () => ({ preview: makePreview({ intoCommit: tips.shift()! }) }),
      'task/merge': (params) =>
        params.intoCommit === '1'.repeat(40)
          ? Promise.reject(new ClientError('baseMoved', moved))
          : {
              task: makeTask({ status: 'merged' }),
              commit: 'e'.repeat(40),
              into: 'main',
              removedWorktree: '/tmp/worktrees/task-1',
            },
    });
    await store.getState().previewMerge('task-1');
    expect(review().merge).toMatchObject({ step: 'ready', preview: { intoCommit: '1'.repeat(40) } });

    await store.getState().mergeTask('task-1', { mode: 'squash', message: 'Add a greeting', removeWorktree: false });
    expect(client.calls.at(-1)).toEqual({
      method: 'task/merge',
      params: {
        taskId: 'task-1',
        mode: 'squash',
        message: 'Add a greeting',
        into: 'main',
        intoCommit: '1'.repeat(40),
        removeWorktree: false,
      },
    });
    expect(review().merge).toMatchObject({
      step: 'mergeFailed',
      previewAgain: true,
      error: { code: 'baseMoved', message: moved },
    });

    // The stale preview cannot be merged again: only "Preview again" moves on.
    const callsBefore = client.calls.length;
    await store.getState().mergeTask('task-1', { mode: 'squash', message: 'Add a greeting', removeWorktree: false });
    expect(client.calls).toHaveLength(callsBefore);

    await store.getState().previewMerge('task-1', 'main');
    await store.getState().mergeTask('task-1', { mode: 'merge', message: 'Add a greeting', removeWorktree: true });
    expect(client.calls.at(-1)?.params).toMatchObject({
      mode: 'merge',
      intoCommit: '2'.repeat(40),
      removeWorktree: true,
    });
    expect(review().merge).toEqual({
      step: 'merged',
      commit: 'e'.repeat(40),
      into: 'main',
      removedWorktree: '/tmp/worktrees/task-1',
    });
    expect(review().task?.status).toBe('merged');
  });

  it('never merges a preview with conflicts', async () => {
    const { store, client, review } = reviewStore({
      'task/mergePreview': () => ({ preview: makePreview({ clean: false, conflicts: ['src/a.ts'] }) }),
    });
    await store.getState().previewMerge('task-1');
    await store.getState().mergeTask('task-1', { mode: 'squash', message: 'x', removeWorktree: true });
    expect(client.calls.map((call) => call.method)).toEqual(['task/mergePreview']);
    expect(review().merge.step).toBe('ready');
  });
});

describe('review slice: discard and restore', () => {
  it('discards into the discarded list and restores out of it', async () => {
    const { store } = reviewStore({
      'task/discard': () => ({
        task: makeTask({ status: 'discarded', hasWorktree: false, archiveRef: 'refs/flotilla/archive/task-1' }),
      }),
      'task/restore': () => ({ task: makeTask({ status: 'done' }) }),
      'task/list': () => ({ tasks: [makeTask({ id: 'task-0', status: 'discarded' })] }),
    });
    await store.getState().loadDiscardedTasks();
    await store.getState().discardTask('task-1');
    expect(store.getState().reviews['task-1']).toMatchObject({
      discard: { status: 'done' },
      task: { status: 'discarded', archiveRef: 'refs/flotilla/archive/task-1' },
    });
    expect(store.getState().discardedTasks.tasks.map((task) => task.id)).toEqual(['task-1', 'task-0']);

    await store.getState().restoreTask('task-1');
    expect(store.getState().reviews['task-1']).toMatchObject({ restore: { status: 'done' }, task: { status: 'done' } });
    expect(store.getState().discardedTasks.tasks.map((task) => task.id)).toEqual(['task-0']);
  });

  it('keeps a task in the list with the engine message when restoring fails', async () => {
    const message =
      'A branch named flotilla/greeting-task-0 already exists and points elsewhere; rename or delete it, then restore again.';
    const { store } = reviewStore({
      'task/list': () => ({ tasks: [makeTask({ id: 'task-0', status: 'discarded' })] }),
      'task/restore': () => Promise.reject(new ClientError('branchExists', message)),
    });
    await store.getState().loadDiscardedTasks();
    await store.getState().restoreTask('task-0');
    expect(store.getState().discardedTasks.tasks.map((task) => task.id)).toEqual(['task-0']);
    expect(store.getState().discardedTasks.restoring['task-0']).toEqual({
      status: 'failed',
      error: { code: 'branchExists', message },
    });
  });
});
