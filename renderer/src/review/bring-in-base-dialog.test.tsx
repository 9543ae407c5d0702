// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MergePreview } from '../../../shared/diff.js';
import { useStore } from '../store/store.js';
import { ClientError } from '../transport/client-error.js';
import { ReviewPanel } from './review-panel.js';
import {
  fakeClient,
  makeDiff,
  makeFile,
  makePreview,
  makeTask,
  type FakeHandlers,
} from '../../../testing/renderer/review-fixtures.js';

afterEach(() => {
  cleanup();
  useStore.setState({
    reviews: {},
    client: null,
    discardedTasks: { tasks: [], loading: false, error: null, restoring: {} },
  });
});

const conflicting = makePreview({ clean: false, conflicts: ['notes.txt'] });
const unresolved = makePreview({ unresolved: ['notes.txt'] });
const worktreePath = '/home/ada/.flotilla/worktrees/shop/task-1';

/** Answers the merge previews in order, repeating the last one. */
function previews(...answers: MergePreview[]): FakeHandlers['task/mergePreview'] {
  return () => ({ preview: answers.length > 1 ? answers.shift()! : answers[0]! });
}

async function openMergeDialog(handlers: FakeHandlers) {
  const client = fakeClient({
    'task/diff': () => ({ diff: makeDiff([makeFile('notes.txt', ['+task version'])]) }),
    'task/get': () => ({ task: makeTask({ worktreePath }) }),
    ...handlers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-totals');
  fireEvent.click(screen.getByRole('button', { name: 'Merge…' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByTestId('merge-preview');
  return { client, dialog };
}

describe('bringing the target branch into the task from the merge dialog', () => {
  it('lets the agent resolve: calls task/bringInBase with the previewed target and says the agent is on it', async () => {
    let answer: (() => void) | null = null;
    const { client, dialog } = await openMergeDialog({
      'task/mergePreview': previews(conflicting, unresolved),
      'task/bringInBase': () =>
        new Promise((resolve) => {
          answer = () =>
            resolve({
              task: makeTask({
                worktreePath,
                status: 'running',
                conflictFiles: ['notes.txt'],
                updatedAt: '2025-01-02T00:00:00.000Z',
              }),
              outcome: 'conflicts',
              conflicts: ['notes.txt'],
            });
        }),
    });
    await act(async () => fireEvent.click(within(dialog).getByTestId('bring-in-base-agent')));
    expect(within(dialog).getByTestId('bring-in-base-agent').textContent).toBe('Bringing in main…');
    expect(within(dialog).getByTestId('bring-in-base-by-hand')).toHaveProperty('disabled', true);

    await act(async () => answer!());
    expect(client.calls.filter((call) => call.method === 'task/bringInBase').map((call) => call.params)).toEqual([
      { taskId: 'task-1', base: 'main', byHand: false },
    ]);
    const status = within(dialog).getByRole('status');
    expect(status.textContent).toBe('The agent is resolving the conflicts in notes.txt; merge once it is done.');
    expect(client.calls.filter((call) => call.method === 'task/mergePreview')).toHaveLength(2);
    expect(within(dialog).queryByTestId('merge-confirm')).toBeNull();
    const close = within(dialog).getByRole('button', { name: 'Close the merge dialog' });
    expect(document.activeElement).toBe(close);
    fireEvent.click(close);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useStore.getState().reviews['task-1']?.bringInBase).toEqual({ status: 'idle' });
  });

  it('by hand: lists the files with markers and where the worktree is, then previews again', async () => {
    const { client, dialog } = await openMergeDialog({
      'task/mergePreview': previews(conflicting, unresolved, unresolved, makePreview({ filesChanged: 2 })),
      'task/bringInBase': () => ({
        task: makeTask({ worktreePath, conflictFiles: ['notes.txt'] }),
        outcome: 'conflicts',
        conflicts: ['notes.txt'],
      }),
    });
    await act(async () => fireEvent.click(within(dialog).getByTestId('bring-in-base-by-hand')));
    expect(client.calls.find((call) => call.method === 'task/bringInBase')?.params).toEqual({
      taskId: 'task-1',
      base: 'main',
      byHand: true,
    });
    const result = within(dialog).getByTestId('bring-in-base-by-hand-result');
    expect(within(result).getByRole('list', { name: 'Files with conflict markers' }).textContent).toBe('notes.txt');
    expect(within(result).getByTestId('bring-in-base-worktree').textContent).toBe(worktreePath);
    expect(result.textContent).toContain('Brought main into the task branch.');
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', true);
    expect(within(dialog).queryByTestId('bring-in-base-agent')).toBeNull();

    // Still unresolved on the next preview; resolved on the one after.
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Preview the merge again' })));
    expect(within(dialog).queryByTestId('bring-in-base-by-hand-result')).toBeNull();
    expect(within(dialog).getByTestId('merge-preview').textContent).toContain('still holds conflict markers');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Preview the merge again' })));
    expect(within(dialog).getByTestId('merge-preview').textContent).toBe('Merges cleanly into main (2 files changed).');
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', false);
  });

  it('keeps Merge disabled while files still hold conflict markers, and lists them', async () => {
    const { client, dialog } = await openMergeDialog({
      'task/mergePreview': previews(makePreview({ unresolved: ['notes.txt', 'src/b.ts'] })),
    });
    const preview = within(dialog).getByTestId('merge-preview');
    expect(within(preview).getByRole('list', { name: 'Files with conflict markers' }).textContent).toBe(
      'notes.txtsrc/b.ts',
    );
    expect(preview.textContent).toContain('These 2 files still hold conflict markers');
    expect(within(preview).getByTestId('bring-in-base-worktree').textContent).toBe(worktreePath);
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', true);
    expect(within(dialog).queryByTestId('merge-message')).toBeNull();
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    expect(client.calls.some((call) => call.method === 'task/merge')).toBe(false);
    expect(within(preview).getByRole('button', { name: 'Preview the merge again' })).toBeTruthy();
  });

  it('shows the engine message verbatim when bringing in the target fails, and leaves both choices open', async () => {
    const busy = 'Task task-1 is running. Wait for its turn to end or stop it, then bring in its base.';
    const { client, dialog } = await openMergeDialog({
      'task/mergePreview': previews(conflicting),
      'task/bringInBase': () => Promise.reject(new ClientError('taskBusy', busy)),
    });
    await act(async () => fireEvent.click(within(dialog).getByTestId('bring-in-base-agent')));
    const alert = within(dialog).getByTestId('bring-in-base-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe(busy);
    expect(within(dialog).getByTestId('bring-in-base-agent')).toHaveProperty('disabled', false);
    expect(within(dialog).getByTestId('bring-in-base-by-hand')).toHaveProperty('disabled', false);
    // No new preview after a failure: the conflicts shown are still the truth.
    expect(client.calls.filter((call) => call.method === 'task/mergePreview')).toHaveLength(1);
  });

  it('says so when the target came in without conflicts, and offers the merge', async () => {
    const { dialog } = await openMergeDialog({
      'task/mergePreview': previews(conflicting, makePreview()),
      'task/bringInBase': () => ({ task: makeTask({ worktreePath }), outcome: 'merged', conflicts: [] }),
    });
    await act(async () => fireEvent.click(within(dialog).getByTestId('bring-in-base-agent')));
    expect(within(dialog).getByTestId('bring-in-base-note').textContent).toBe(
      'Brought main into the task branch without conflicts.',
    );
    expect(within(dialog).getByTestId('merge-preview').textContent).toBe('Merges cleanly into main (1 file changed).');
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', false);
  });
});
