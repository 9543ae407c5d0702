// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../../shared/task.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { fakeLayout } from '../../../../testing/renderer/fake-layout.js';
import { ClientError } from '../../transport/client-error.js';
import { useStore } from '../../store/store.js';
import { ThreadView } from './thread-view.js';

let restoreLayout: () => void = () => undefined;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

const first = '1'.repeat(40);
const second = '2'.repeat(40);

function showThread(task: Task, rollback: () => Promise<never> | ReturnType<typeof answer> = () => answer(task)) {
  const next = eventStream(task.id);
  const history = [
    next({
      type: 'checkpoint',
      commit: first,
      message: 'flotilla: turn 1 completed',
      changes: { files: 1, additions: 1, deletions: 0 },
    }),
    next({
      type: 'checkpoint',
      commit: second,
      message: 'flotilla: turn 2 completed',
      changes: { files: 2, additions: 2, deletions: 0 },
    }),
  ];
  const client = scriptedClient({
    'task/events': () => ({ events: history }),
    'task/diff': () => new Promise(() => undefined),
    'task/rollback': rollback,
  });
  loadStore(client, [sampleRepo()], [task]);
  render(<ThreadView taskId={task.id} />);
  return client;
}

function answer(task: Task) {
  return {
    task: { ...task, lastCommit: first, updatedAt: '2030-01-01T00:00:00.000Z' },
    commit: first,
    from: second,
    archiveRef: `refs/flotilla/archive/${task.id}-rollback-20300101T000000000Z`,
  };
}

const lines = () => screen.getAllByTestId('checkpoint-line');

describe('rolling back from a checkpoint line', () => {
  it('offers "Roll back to here…" on every checkpoint but the one the branch is at, confirms what happens, then rolls back', async () => {
    const task = sampleTask({ id: 't1', status: 'done', hasWorktree: true, lastCommit: second });
    const client = showThread(task);
    await waitFor(() => expect(lines()).toHaveLength(2));
    expect(lines().map((line) => within(line).queryByTestId('checkpoint-rollback') !== null)).toEqual([true, false]);
    fireEvent.click(within(lines()[0]!).getByRole('button', { name: 'Roll back to here…' }));
    const dialog = screen.getByTestId('rollback-dialog');
    expect(screen.getByRole('dialog', { name: 'Roll back to checkpoint 1111111111?' })).toBe(dialog);
    expect(dialog.textContent).toContain(
      "The branch flotilla/thing-t1 moves back to checkpoint 1111111111 (flotilla: turn 1 completed), and the task's worktree is reset to it.",
    );
    expect(dialog.textContent).toContain('Anything not checkpointed yet is checkpointed first.');
    expect(dialog.textContent).toContain(
      'everything after this checkpoint stays in the repository under refs/flotilla/archive/t1-rollback-',
    );
    await act(async () => fireEvent.click(within(dialog).getByTestId('rollback-confirm')));
    expect(client.calls.filter((call) => call.method === 'task/rollback').map((call) => call.params)).toEqual([
      { taskId: 't1', commit: first },
    ]);
    expect(screen.queryByTestId('rollback-dialog')).toBeNull();
    // The branch is at the first checkpoint now: the offer moves to the second one.
    expect(useStore.getState().tasks.t1?.lastCommit).toBe(first);
    expect(lines().map((line) => within(line).queryByTestId('checkpoint-rollback') !== null)).toEqual([false, true]);
  });

  it('keeps the dialog open with the engine’s reason when the rollback is refused', async () => {
    const task = sampleTask({ id: 't1', status: 'done', hasWorktree: true, lastCommit: second });
    const why =
      'The worktree /tmp/worktrees/t1 is not on the task branch flotilla/thing-t1, so Flotilla will not move it.';
    showThread(task, () => Promise.reject(new ClientError('notABranch', why)));
    await waitFor(() => expect(lines()).toHaveLength(2));
    fireEvent.click(within(lines()[0]!).getByTestId('checkpoint-rollback'));
    await act(async () => fireEvent.click(screen.getByTestId('rollback-confirm')));
    expect(screen.getByTestId('rollback-error').textContent).toBe(why);
    expect(screen.getByTestId('rollback-confirm')).toHaveProperty('disabled', false);
  });

  it('disables the action while the agent works, saying why, and leaves it out once merged', async () => {
    showThread(sampleTask({ id: 't1', status: 'running', hasWorktree: true, lastCommit: second }));
    await waitFor(() => expect(lines()).toHaveLength(2));
    const button = within(lines()[0]!).getByTestId('checkpoint-rollback');
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('title')).toBe('Wait for the agent’s turn to end (or stop it), then roll back.');
    act(() =>
      useStore.setState((state) => ({ tasks: { ...state.tasks, t1: { ...state.tasks.t1!, status: 'merged' } } })),
    );
    expect(screen.queryAllByTestId('checkpoint-rollback')).toHaveLength(0);
  });
});
