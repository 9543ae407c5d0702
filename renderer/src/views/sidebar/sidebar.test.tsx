// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../test-support/app-state.js';
import { eventStream, sampleTask } from '../../test-support/events.js';
import { scriptedClient } from '../../test-support/fake-client.js';
import { Sidebar } from './sidebar.js';

afterEach(cleanup);

function statusOf(taskId: string): string {
  const row = screen.getAllByTestId('task-row').find((element) => element.dataset.taskId === taskId);
  if (!row) throw new Error(`no row for ${taskId}`);
  return within(row).getByTestId('task-status').textContent ?? '';
}

describe('sidebar', () => {
  it('shows each task’s status live as events arrive, with the current phase while preparing', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', title: 'Fix the login form' })]);
    render(<Sidebar />);
    expect(screen.getByText('Fix the login form')).toBeTruthy();
    expect(statusOf('t1')).toBe('Queued');

    const next = eventStream('t1');
    act(() =>
      client.emit([
        next({ type: 'status.changed', status: 'preparing', previous: 'queued', message: null }),
        next({ type: 'phase.changed', phase: 'addWorktree', state: 'started', durationMs: null, detail: null }),
      ]),
    );
    expect(statusOf('t1')).toBe('Preparing: creating the worktree');
    act(() => client.emit([next({ type: 'status.changed', status: 'awaitingApproval', previous: 'preparing', message: null })]));
    expect(statusOf('t1')).toBe('Waiting for approval');
    act(() => client.emit([next({ type: 'status.changed', status: 'done', previous: 'awaitingApproval', message: null })]));
    expect(statusOf('t1')).toBe('Done');
  });

  it('lists new tasks as they are created, groups sibling attempts, and filters by status', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 'old', status: 'done', title: 'Old work', createdAt: '2024-12-01T00:00:00.000Z' })]);
    render(<Sidebar />);
    act(() =>
      client.emit(
        ['a1', 'a2'].map((id, index) =>
          eventStream(id)({ type: 'task.created', task: sampleTask({ id, title: `Attempt ${index + 1}`, groupId: 'g1', createdAt: `2025-01-01T00:00:0${index}.000Z` }) }),
        ),
      ),
    );
    expect(screen.getByTestId('task-group').textContent).toBe('2 attempts');
    expect(screen.getAllByTestId('task-row').map((row) => row.dataset.taskId)).toEqual(['a1', 'a2', 'old']);

    fireEvent.change(screen.getByLabelText('Filter tasks by status'), { target: { value: 'active' } });
    expect(screen.getAllByTestId('task-row').map((row) => row.dataset.taskId)).toEqual(['a1', 'a2']);
    fireEvent.change(screen.getByLabelText('Filter tasks by status'), { target: { value: 'done' } });
    expect(screen.getAllByTestId('task-row').map((row) => row.dataset.taskId)).toEqual(['old']);

    fireEvent.click(screen.getByText('Old work'));
    expect(useStore.getState()).toMatchObject({ view: 'task', selectedTaskId: 'old' });
  });

  it('adds a repository, showing the engine’s error as it is', async () => {
    const client = scriptedClient({
      'repo/add': ({ path }) => {
        if (path === '/nope') throw Object.assign(new Error(), { code: 'folderMissing', message: 'There is no folder at /nope. Check the path and try again.' });
        return { repo: sampleRepo({ id: 'r9', name: 'fresh', path }), alreadyAdded: false };
      },
    });
    loadStore(client, [sampleRepo()]);
    render(<Sidebar />);
    fireEvent.click(screen.getByTestId('add-repo-button'));
    fireEvent.change(screen.getByLabelText('Repository path'), { target: { value: '/nope' } });
    fireEvent.click(screen.getByTestId('add-repo-submit'));
    expect((await screen.findByTestId('add-repo-error')).textContent).toBe('There is no folder at /nope. Check the path and try again.');
    fireEvent.change(screen.getByLabelText('Repository path'), { target: { value: '/code/fresh' } });
    fireEvent.click(screen.getByTestId('add-repo-submit'));
    expect(await screen.findByText('fresh')).toBeTruthy();
    expect(useStore.getState().repos.map((repo) => repo.id)).toEqual(['r1', 'r9']);
  });
});
