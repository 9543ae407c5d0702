// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MergeQueue, QueueEntry } from '../../../../shared/merge-queue.js';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { QueueBanner } from './queue-banner.js';
import { QueueView } from './queue-view.js';

afterEach(cleanup);

const changes = { files: 1, additions: 1, deletions: 0 };
const entry = (taskId: string, title: string, extra: Partial<QueueEntry> = {}): QueueEntry => ({
  taskId,
  title,
  state: 'queued',
  reason: null,
  rounds: 0,
  mergedCommit: null,
  addedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});

function setUp(initial: MergeQueue | null) {
  const repoId = sampleRepo().id;
  let queue: MergeQueue = initial ?? { repoId, base: 'main', paused: false, onConflict: 'agent', entries: [] };
  const answer = (next: MergeQueue) => {
    queue = next;
    return { queue };
  };
  const client = scriptedClient({
    'queue/list': () => ({ queues: initial ? [queue] : [] }),
    'queue/add': ({ taskIds }) => {
      answer({ ...queue, entries: [...queue.entries, ...taskIds.map((id) => entry(id, `Task ${id}`))] });
      return { queues: [queue] };
    },
    'queue/reorder': ({ taskId, position }) => {
      const moved = queue.entries.find((one) => one.taskId === taskId)!;
      const others = queue.entries.filter((one) => one !== moved);
      return answer({ ...queue, entries: [...others.slice(0, position), moved, ...others.slice(position)] });
    },
    'queue/remove': ({ taskId }) => answer({ ...queue, entries: queue.entries.filter((one) => one.taskId !== taskId) }),
    'queue/pause': () => ({ queues: [answer({ ...queue, paused: true }).queue] }),
    'queue/resume': () => ({ queues: [answer({ ...queue, paused: false }).queue] }),
  });
  loadStore(
    client,
    [sampleRepo()],
    [
      sampleTask({ id: 't1', title: 'Task t1', status: 'done', changes }),
      sampleTask({ id: 't2', title: 'Task t2', status: 'done', changes }),
    ],
  );
  client.onChange((change) => useStore.getState().ingestChange(change));
  return { client, repoId };
}

describe('the merge queue view', () => {
  it('shows each entry with its state and reason, and moves, removes and pauses through the engine', async () => {
    const repoId = sampleRepo().id;
    const { client } = setUp({
      repoId,
      base: 'main',
      paused: false,
      onConflict: 'agent',
      entries: [
        entry('t1', 'Task t1', { state: 'setAside', reason: 'Bringing in main conflicts in a.txt.' }),
        entry('t2', 'Task t2'),
        entry('t3', 'Task t3'),
      ],
    });
    await useStore.getState().loadQueues();
    render(<QueueView />);
    const rows = () => screen.getAllByTestId('queue-entry');
    expect(rows().map((row) => row.getAttribute('data-state'))).toEqual(['setAside', 'queued', 'queued']);
    expect(within(rows()[0]!).getByTestId('queue-entry-state').textContent).toBe('Set aside');
    expect(within(rows()[0]!).getByTestId('queue-entry-reason').textContent).toBe(
      'Bringing in main conflicts in a.txt.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Move Task t2 down' }));
    await waitFor(() =>
      expect(rows().map((row) => row.textContent?.slice(0, 7))).toEqual(['Task t1', 'Task t3', 'Task t2']),
    );
    expect(client.calls.at(-1)).toEqual({ method: 'queue/reorder', params: { taskId: 't2', position: 2 } });

    fireEvent.click(screen.getByRole('button', { name: 'Remove Task t1 from the queue' }));
    await waitFor(() => expect(rows()).toHaveLength(2));

    fireEvent.click(screen.getByTestId('queue-pause'));
    await waitFor(() => expect(screen.getByTestId('queue-pause').textContent).toBe('Resume'));
    expect(client.calls.at(-1)).toEqual({ method: 'queue/pause', params: { repoId, base: 'main' } });
  });

  it('follows queue changes another client or the engine makes', async () => {
    const { client, repoId } = setUp(null);
    render(<QueueView />);
    expect(screen.getByTestId('queue-empty')).toBeTruthy();
    client.change({
      type: 'queue.changed',
      queue: {
        repoId,
        base: 'main',
        paused: false,
        onConflict: 'agent',
        entries: [entry('t1', 'Task t1', { state: 'verifying' })],
      },
    });
    await waitFor(() => expect(screen.getByTestId('queue-entry-state').textContent).toBe('Verifying'));
  });

  it('adds a finished task from its review and then says where it stands', async () => {
    setUp(null);
    render(<QueueBanner taskId="t1" />);
    fireEvent.click(screen.getByTestId('queue-add'));
    await waitFor(() =>
      expect(screen.getByTestId('queue-banner-state').textContent).toBe(
        'In the merge queue of main, position 1: queued.',
      ),
    );
    expect(screen.queryByTestId('queue-add')).toBeNull();
  });
});
