// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { Sidebar } from '../views/sidebar/sidebar.js';
import { useStore } from './store.js';

afterEach(cleanup);

describe('tasks in repositories the window has not seen', () => {
  it('fetches the repository list once for a burst of events, then shows the repository and its task in the sidebar', async () => {
    let answer: (() => void) | null = null;
    const client = scriptedClient({
      'repo/list': () =>
        new Promise((resolve) => {
          answer = () =>
            resolve({ repos: [sampleRepo(), sampleRepo({ id: 'cli-repo', name: 'tools', path: '/code/tools' })] });
        }),
    });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 'old' })]);
    render(<Sidebar />);
    expect(screen.queryByText('tools')).toBeNull();

    const next = eventStream('cli-task');
    act(() =>
      client.emit([
        next({
          type: 'task.created',
          task: sampleTask({ id: 'cli-task', repoId: 'cli-repo', title: 'Made from the CLI' }),
        }),
      ]),
    );
    act(() => client.emit([next({ type: 'status.changed', status: 'preparing', previous: 'queued', message: null })]));
    act(() => client.emit([next({ type: 'status.changed', status: 'running', previous: 'preparing', message: null })]));
    expect(client.calls.filter((call) => call.method === 'repo/list')).toHaveLength(1);

    await act(async () => answer?.());
    await waitFor(() =>
      expect(screen.getAllByTestId('repo-heading').map((heading) => heading.dataset.repoId)).toEqual([
        'r1',
        'cli-repo',
      ]),
    );
    expect(screen.getByText('Made from the CLI')).toBeTruthy();
    act(() => client.emit([next({ type: 'status.changed', status: 'done', previous: 'running', message: null })]));
    expect(client.calls.filter((call) => call.method === 'repo/list')).toHaveLength(1);
  });

  it('fetches a task it only hears events of, once', async () => {
    const client = scriptedClient({
      'task/get': () => ({ task: sampleTask({ id: 'unseen', title: 'Started elsewhere', status: 'running' }) }),
    });
    loadStore(client, [sampleRepo()]);
    const next = eventStream('unseen', 5);
    act(() => client.emit([next({ type: 'agent.text', text: 'a' }), next({ type: 'agent.text', text: 'b' })]));
    await waitFor(() => expect(useStore.getState().tasks.unseen?.title).toBe('Started elsewhere'));
    expect(client.calls.filter((call) => call.method === 'task/get')).toHaveLength(1);
  });
});
