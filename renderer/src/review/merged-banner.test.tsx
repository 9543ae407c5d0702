// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store.js';
import { ClientError } from '../transport/client-error.js';
import { ReviewPanel } from './review-panel.js';
import {
  fakeClient,
  makeDiff,
  makeFile,
  makeTask,
  type FakeHandlers,
} from '../../../testing/renderer/review-fixtures.js';

afterEach(() => {
  cleanup();
  useStore.setState({ reviews: {}, client: null, tasks: {} });
});

const worktreePath = '/home/ada/.flotilla/worktrees/shop/task-1';

async function review(handlers: FakeHandlers) {
  const client = fakeClient({
    'task/diff': () => ({ diff: makeDiff([makeFile('a.txt', ['+a'])]) }),
    'task/get': () => ({ task: makeTask({ status: 'merged', mergedCommit: 'm'.repeat(40), worktreePath }) }),
    ...handlers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-totals');
  return client;
}

describe('a merged task’s review', () => {
  it('offers to remove a worktree still on disk, then says the branch keeps the work', async () => {
    const client = await review({
      'task/removeWorktree': () => ({
        task: makeTask({ status: 'merged', hasWorktree: false, worktreePath, updatedAt: '2030-01-01T00:00:00.000Z' }),
        removedWorktree: worktreePath,
      }),
    });
    expect(screen.getByTestId('review-merged').textContent).toContain(
      `Merged into main as mmmmmmmmmm. Its worktree is still on disk at ${worktreePath}.`,
    );
    await act(async () => fireEvent.click(screen.getByTestId('review-remove-worktree')));
    expect(client.calls.filter((call) => call.method === 'task/removeWorktree').map((call) => call.params)).toEqual([
      { taskId: 'task-1' },
    ]);
    expect(screen.queryByTestId('review-remove-worktree')).toBeNull();
    expect(screen.getByTestId('review-worktree-removed').textContent).toContain(
      'the branch flotilla/greeting-task-1 keeps the work',
    );
  });

  it('after a merge removed the worktree, shows what was merged into which branch, calmly, with the merged change below', async () => {
    const mergedDiff = {
      ...makeDiff([makeFile('a.txt', ['+a'])]),
      merged: { commit: 'm'.repeat(40), into: 'main', mode: 'squash' as const, source: 'mergeCommit' as const },
    };
    const client = await review({ 'task/diff': () => ({ diff: mergedDiff }) });
    // The merge's events arrive: merged (worktree still there), then the worktree is removed.
    const merged = makeTask({
      status: 'merged',
      mergedCommit: 'm'.repeat(40),
      mergedInto: 'main',
      worktreePath,
      updatedAt: '2030-01-01T00:00:00.000Z',
    });
    await act(async () => useStore.setState({ tasks: { 'task-1': merged } }));
    await act(async () =>
      useStore.setState({
        tasks: { 'task-1': { ...merged, hasWorktree: false, updatedAt: '2030-01-01T00:00:01.000Z' } },
      }),
    );
    const banner = screen.getByTestId('review-worktree-removed');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toBe(
      'Merged into main as mmmmmmmmmm. Below is the change that merge made. Its worktree was removed to free the space; the branch flotilla/greeting-task-1 keeps the work. A follow-up message brings its worktree back from the branch and goes on there; merge again to land what it adds.',
    );
    // The diff is read again once the worktree is gone (the engine reads the merged change from the repository).
    expect(client.calls.filter((call) => call.method === 'task/diff').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByTestId('review-totals').textContent).toContain('1 file changed');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says an informational answer calmly, never styled as an error', async () => {
    const info =
      'Task task-1 has no worktree yet (status: queued). Wait for it to start, or send it a message to retry.';
    await review({ 'task/diff': () => Promise.reject(new ClientError('noWorktree', info)) }).catch(() => undefined);
    const note = await screen.findByTestId('review-error');
    expect(note.textContent).toContain(info);
    expect(note.getAttribute('role')).toBe('status');
    expect(note.className).not.toContain('fl-review-error');
  });

  it('keeps Discard… off on a merged task, saying why', async () => {
    await review({});
    const discard = screen.getByRole('button', { name: 'Discard…' }) as HTMLButtonElement;
    expect(discard.disabled).toBe(true);
    expect(discard.title).toBe('Already merged into main: its change is there, so there is nothing to discard.');
    fireEvent.click(discard);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows why a worktree was kept', async () => {
    const why =
      'The worktree /home/ada/.flotilla/worktrees/shop/task-1 is not at the tip of flotilla/greeting-task-1, so it was kept.';
    await review({ 'task/removeWorktree': () => Promise.reject(new ClientError('worktreeChanged', why)) });
    await act(async () => fireEvent.click(screen.getByTestId('review-remove-worktree')));
    expect(screen.getByRole('alert').textContent).toBe(why);
    expect(screen.getByTestId('review-remove-worktree')).toHaveProperty('disabled', false);
  });
});
