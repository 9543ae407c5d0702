// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store.js';
import { ClientError } from '../transport/client-error.js';
import { DiscardedList } from './discarded-list.js';
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

async function showPanel(handlers: FakeHandlers) {
  const client = fakeClient({
    'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+a'])]) }),
    'task/get': () => ({ task: makeTask() }),
    ...handlers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-totals');
  return client;
}

async function openMerge() {
  fireEvent.click(screen.getByRole('button', { name: 'Merge…' }));
  return screen.findByRole('dialog');
}

describe('MergeDialog', () => {
  it('removes the worktree after merging as Settings say, unless unticked, and says where the work is', async () => {
    useStore.setState({
      engineSettings: {
        concurrency: 4,
        defaultAgent: 'builtin',
        judgeModel: '',
        defaultModel: 'anthropic:x',
        defaultApprovalMode: 'auto',
        defaultCostBudgetUsd: null,
        removeWorktreeAfterMerge: true,
      },
    });
    const client = await showPanel({
      'task/mergePreview': () => ({ preview: makePreview() }),
      // The merged task as the engine returns it: updated after the one the review first loaded.
      'task/merge': (params) => ({
        task: makeTask({
          status: 'merged',
          hasWorktree: !params.removeWorktree,
          updatedAt: '2030-01-01T00:00:00.000Z',
        }),
        commit: 'c'.repeat(40),
        into: 'main',
        removedWorktree: params.removeWorktree ? '/home/ada/.flotilla/worktrees/shop/task-1' : null,
      }),
    });
    let dialog = await openMerge();
    await within(dialog).findByTestId('merge-preview');
    const remove = within(dialog).getByTestId('merge-remove-worktree') as HTMLInputElement;
    expect(remove.checked).toBe(true);
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    expect(client.calls.find((call) => call.method === 'task/merge')?.params).toMatchObject({ removeWorktree: true });
    expect(within(dialog).getByTestId('merge-worktree-removed').textContent).toBe(
      'Its worktree /home/ada/.flotilla/worktrees/shop/task-1 was removed; the branch flotilla/greeting-task-1 keeps the work. A follow-up message brings its worktree back from the branch and goes on there; merge again to land what it adds.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close the merge dialog' }));
    // The review says what happened, and shows the merged change (the engine reads it from the repository).
    expect(screen.getByTestId('review-worktree-removed').textContent).toContain(
      'Its worktree was removed to free the space; the branch flotilla/greeting-task-1 keeps the work.',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    cleanup();

    useStore.setState({
      reviews: {},
      engineSettings: { ...useStore.getState().engineSettings!, removeWorktreeAfterMerge: false },
    });
    const second = await showPanel({
      'task/mergePreview': () => ({ preview: makePreview() }),
      'task/merge': () => ({
        task: makeTask({ status: 'merged' }),
        commit: 'c'.repeat(40),
        into: 'main',
        removedWorktree: null,
      }),
    });
    dialog = await openMerge();
    await within(dialog).findByTestId('merge-preview');
    expect((within(dialog).getByTestId('merge-remove-worktree') as HTMLInputElement).checked).toBe(false);
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    expect(second.calls.find((call) => call.method === 'task/merge')?.params).toMatchObject({ removeWorktree: false });
    expect(within(dialog).queryByTestId('merge-worktree-removed')).toBeNull();
    useStore.setState({ engineSettings: null });
  });

  it('merges with the chosen mode and message against the previewed tip', async () => {
    const client = await showPanel({
      'task/mergePreview': () => ({ preview: makePreview({ intoCommit: '1'.repeat(40), filesChanged: 1 }) }),
      'task/merge': () => ({
        task: makeTask({ status: 'merged' }),
        commit: 'f00dfeed'.repeat(5),
        into: 'main',
        removedWorktree: null,
      }),
    });
    const dialog = await openMerge();
    expect((await within(dialog).findByTestId('merge-preview')).textContent).toBe(
      'Merges cleanly into main (1 file changed).',
    );
    const message = within(dialog).getByTestId('merge-message') as HTMLTextAreaElement;
    // An engine that suggests no message: the dialog writes the same default without the change summary.
    expect(message.value).toBe(
      'Add a greeting\n\nMerged from Flotilla task task-1 (branch flotilla/greeting-task-1; agent scripted).',
    );
    fireEvent.click(within(dialog).getByTestId('merge-mode-merge'));
    fireEvent.change(message, { target: { value: 'Greet the user' } });
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));

    expect(client.calls.find((call) => call.method === 'task/merge')?.params).toEqual({
      taskId: 'task-1',
      mode: 'merge',
      message: 'Greet the user',
      into: 'main',
      intoCommit: '1'.repeat(40),
      removeWorktree: true,
    });
    expect(within(dialog).getByTestId('merge-result').textContent).toBe('Merged into main as f00dfeedf0.');
  });

  it('shows the engine message and "Preview again" when the base moved, and merges after a fresh preview', async () => {
    const tips = ['1'.repeat(40), '2'.repeat(40)];
    const moved = 'main moved since the preview (was 1111111, now 2222222). Preview again and merge.';
    await showPanel({
      'task/mergePreview': () => ({ preview: makePreview({ intoCommit: tips.shift()! }) }),
      'task/merge': (params) =>
        params.intoCommit === '1'.repeat(40)
          ? Promise.reject(new ClientError('baseMoved', moved))
          : { task: makeTask({ status: 'merged' }), commit: 'a'.repeat(40), into: 'main', removedWorktree: null },
    });
    const dialog = await openMerge();
    await within(dialog).findByTestId('merge-preview');
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    expect(within(dialog).getByTestId('merge-error').textContent).toContain(moved);
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', true);

    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Preview the merge again' })));
    expect(within(dialog).queryByTestId('merge-error')).toBeNull();
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    expect(within(dialog).getByTestId('merge-result').textContent).toContain('Merged into main');
  });

  it('lists conflicting files, offers to bring in the target for the agent or the user, and keeps Merge disabled', async () => {
    const client = await showPanel({
      'task/mergePreview': () => ({ preview: makePreview({ clean: false, conflicts: ['src/a.ts', 'README.md'] }) }),
    });
    const dialog = await openMerge();
    const preview = await within(dialog).findByTestId('merge-preview');
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['src/a.ts', 'README.md']);
    expect(within(preview).getByTestId('bring-in-base-agent').textContent).toBe(
      'Bring in main and let the agent resolve',
    );
    expect(within(preview).getByTestId('bring-in-base-by-hand').textContent).toBe("Bring in main, I'll resolve");
    expect(preview.textContent).toContain('committed on the task branch with conflict markers');
    expect(preview.textContent).toContain('nothing is merged into main until they are resolved');
    expect(preview.textContent).not.toContain('Ask the agent to merge');
    expect(within(dialog).getByTestId('merge-confirm')).toHaveProperty('disabled', true);
    expect(within(dialog).queryByTestId('merge-message')).toBeNull();
    expect(client.calls.some((call) => call.method === 'task/bringInBase')).toBe(false);
  });

  it('keeps focus inside and closes on Esc, giving focus back to "Merge…"', async () => {
    await showPanel({ 'task/mergePreview': () => ({ preview: makePreview() }) });
    const opener = screen.getByRole('button', { name: 'Merge…' });
    opener.focus();
    const dialog = await openMerge();
    await within(dialog).findByTestId('merge-preview');
    const confirm = within(dialog).getByTestId('merge-confirm');
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByTestId('merge-mode-squash'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(useStore.getState().reviews['task-1']?.merge).toEqual({ step: 'idle' });
  });
});

describe('discarding and restoring', () => {
  it('confirms with where the work is archived, then offers Restore', async () => {
    const client = await showPanel({
      'task/discard': () => ({
        task: makeTask({ status: 'discarded', hasWorktree: false, archiveRef: 'refs/flotilla/archive/task-1' }),
      }),
      'task/restore': () => ({ task: makeTask() }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Discard…' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('archived under refs/flotilla/archive/task-1');
    expect(dialog.textContent).toContain('restore it later');
    await act(async () => fireEvent.click(within(dialog).getByTestId('discard-confirm')));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.calls.some((call) => call.method === 'task/discard')).toBe(true);

    await act(async () => fireEvent.click(screen.getByTestId('review-restore')));
    expect(client.calls.filter((call) => call.method === 'task/restore')).toHaveLength(1);
    expect(screen.queryByTestId('review-restore')).toBeNull();
  });

  it('lists discarded tasks and restores one with its Restore button', async () => {
    const client = fakeClient({
      'task/list': () => ({
        tasks: [
          makeTask({
            id: 'task-7',
            title: 'Try a new parser',
            status: 'discarded',
            archiveRef: 'refs/flotilla/archive/task-7',
          }),
        ],
      }),
      'task/restore': () => ({ task: makeTask({ id: 'task-7' }) }),
    });
    useStore.setState({ client });
    render(<DiscardedList repoId="repo-1" />);
    const restore = await screen.findByRole('button', { name: 'Restore Try a new parser' });
    expect(screen.getByTestId('discarded-task').textContent).toContain('refs/flotilla/archive/task-7');
    expect(client.calls[0]).toEqual({ method: 'task/list', params: { repoId: 'repo-1', status: ['discarded'] } });
    await act(async () => fireEvent.click(restore));
    expect(client.calls.at(-1)).toEqual({ method: 'task/restore', params: { taskId: 'task-7' } });
    expect(screen.queryByTestId('discarded-task')).toBeNull();
  });
});
