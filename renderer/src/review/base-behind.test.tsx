// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskDiff } from '../../../shared/diff.js';
import type { Task } from '../../../shared/task.js';
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
  useStore.setState({ reviews: {}, client: null, tasks: {} });
});

const file = makeFile('notes.txt', ['+task version']);

/** Renders the review of a task whose diffs come in the given order (the last one repeats). */
async function review(task: Task, diffs: TaskDiff[], handlers: FakeHandlers = {}) {
  const client = fakeClient({
    'task/diff': () => ({ diff: diffs.length > 1 ? diffs.shift()! : diffs[0]! }),
    'task/get': () => ({ task }),
    'task/mergePreview': () => ({ preview: makePreview() }),
    ...handlers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId={task.id} />);
  await screen.findByTestId('review-totals');
  return client;
}

describe('the review says when the base moved on', () => {
  it('counts the new commits on main and brings them in on a click, then says it went in cleanly', async () => {
    const task = makeTask({ baseBranch: 'main' });
    let answer: (() => void) | null = null;
    const client = await review(task, [makeDiff([file], 3), makeDiff([file], 0)], {
      'task/bringInBase': () =>
        new Promise((resolve) => {
          answer = () => resolve({ task, outcome: 'merged', conflicts: [] });
        }),
    });
    const banner = screen.getByTestId('base-behind');
    expect(banner.textContent).toBe(
      'main has 3 new commits this task does not have yet. Bring them in to review and test the task against them.Bring in main',
    );

    await act(async () => fireEvent.click(screen.getByTestId('base-behind-bring-in')));
    expect(screen.getByTestId('base-behind-bring-in').textContent).toBe('Bringing in main…');
    expect(screen.getByTestId('base-behind-bring-in')).toHaveProperty('disabled', true);
    await act(async () => answer!());

    expect(client.calls.filter((call) => call.method === 'task/bringInBase').map((call) => call.params)).toEqual([
      { taskId: 'task-1', byHand: false },
    ]);
    // The diff was loaded again: main is in, so there is nothing left to bring in.
    expect(client.calls.filter((call) => call.method === 'task/diff')).toHaveLength(2);
    expect(screen.queryByTestId('base-behind-bring-in')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Brought main into the task branch without conflicts.');
  });

  it('says the agent is resolving conflicts while it works', async () => {
    const task = makeTask({ baseBranch: 'main' });
    // The engine answers with the task running again: it asked the agent to resolve the conflicts.
    const resolving: Task = { ...task, status: 'running', updatedAt: '2030-01-01T00:00:00.000Z' };
    let current = task;
    await review(task, [makeDiff([file], 1), makeDiff([file], 0)], {
      'task/bringInBase': () => {
        current = resolving;
        return { task: resolving, outcome: 'conflicts', conflicts: ['notes.txt'] };
      },
      'task/get': () => ({ task: current }),
    });
    expect(screen.getByTestId('base-behind').textContent).toContain('main has 1 new commit this task');
    await act(async () => fireEvent.click(screen.getByTestId('base-behind-bring-in')));
    expect(screen.getByRole('status').textContent).toBe(
      'Brought in main; the agent is resolving the conflicts in notes.txt.',
    );
  });

  it('shows a refusal from the engine as an alert and lets the user try again', async () => {
    const task = makeTask({ baseBranch: 'main' });
    await review(task, [makeDiff([file], 1)], {
      'task/bringInBase': () => {
        throw new ClientError(
          'taskBusy',
          'Task task-1 is running. Wait for its turn to end or stop it, then bring in its base.',
        );
      },
    });
    await act(async () => fireEvent.click(screen.getByTestId('base-behind-bring-in')));
    expect(screen.getByRole('alert').textContent).toBe(
      'Task task-1 is running. Wait for its turn to end or stop it, then bring in its base.',
    );
    expect(screen.getByTestId('base-behind-bring-in')).toHaveProperty('disabled', false);
  });

  it('waits for a running agent, and says nothing for a task on a tag or one already merged', async () => {
    const running = makeTask({ baseBranch: 'main', status: 'running' });
    await review(running, [makeDiff([file], 2)]);
    expect(screen.getByTestId('base-behind').textContent).toContain('Bring them in once the agent’s turn ends.');
    expect(screen.queryByTestId('base-behind-bring-in')).toBeNull();
    cleanup();
    useStore.setState({ reviews: {} });

    await review(makeTask({ id: 'task-2', baseBranch: null, baseRef: 'v1.0' }), [makeDiff([file], 2)]);
    expect(screen.queryByTestId('base-behind')).toBeNull();
    cleanup();
    useStore.setState({ reviews: {} });

    await review(makeTask({ id: 'task-3', baseBranch: 'main', status: 'merged' }), [makeDiff([file], 2)]);
    expect(screen.queryByTestId('base-behind')).toBeNull();
  });

  it('stays away while the base has nothing new', async () => {
    await review(makeTask({ baseBranch: 'main' }), [makeDiff([file], 0)]);
    expect(screen.queryByTestId('base-behind')).toBeNull();
  });
});
