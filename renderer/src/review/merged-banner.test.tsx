// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../store/store.js';
import { ClientError } from '../transport/client-error.js';
import { ReviewPanel } from './review-panel.js';
import { fakeClient, makeDiff, makeFile, makeTask, type FakeHandlers } from './test-fixtures.js';

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
    const client = await review({ 'task/removeWorktree': () => ({ task: makeTask({ status: 'merged', hasWorktree: false, worktreePath, updatedAt: '2030-01-01T00:00:00.000Z' }), removedWorktree: worktreePath }) });
    expect(screen.getByTestId('review-merged').textContent).toContain(`Merged. Its worktree is still on disk at ${worktreePath}.`);
    await act(async () => fireEvent.click(screen.getByTestId('review-remove-worktree')));
    expect(client.calls.filter((call) => call.method === 'task/removeWorktree').map((call) => call.params)).toEqual([{ taskId: 'task-1' }]);
    expect(screen.queryByTestId('review-remove-worktree')).toBeNull();
    expect(screen.getByTestId('review-worktree-removed').textContent).toContain('the branch flotilla/greeting-task-1 keeps the work');
  });

  it('shows why a worktree was kept', async () => {
    const why = 'The worktree /home/ada/.flotilla/worktrees/shop/task-1 is not at the tip of flotilla/greeting-task-1, so it was kept.';
    await review({ 'task/removeWorktree': () => Promise.reject(new ClientError('worktreeChanged', why)) });
    await act(async () => fireEvent.click(screen.getByTestId('review-remove-worktree')));
    expect(screen.getByRole('alert').textContent).toBe(why);
    expect(screen.getByTestId('review-remove-worktree')).toHaveProperty('disabled', false);
  });
});
