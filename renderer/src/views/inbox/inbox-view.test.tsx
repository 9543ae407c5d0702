// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationRun, InboxState } from '../../../../shared/automation.js';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleAutomation, sampleRun } from '../../../../testing/renderer/automation-fixtures.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { SidebarHeader } from '../sidebar/sidebar-header.js';
import { InboxView } from './inbox-view.js';

afterEach(cleanup);

const label = { automationId: 'a1', name: 'review', runId: 'run1', reason: 'new commit 1a2b3c4', depth: 0 };
const changes = { files: 1, additions: 3, deletions: 0 };

/** An engine with an inbox: it answers inbox/list and inbox/mark from its own list of runs. */
function setUp(runs: AutomationRun[]) {
  let stored = runs;
  const client = scriptedClient({
    'inbox/list': ({ all }) => {
      const shown = stored.filter((run) => run.inbox !== null && (all || run.inbox !== 'archived'));
      return { runs: shown, unread: shown.filter((run) => run.inbox === 'unread').length };
    },
    'inbox/mark': ({ runId, state }) => {
      stored = stored.map((run) => (run.id === runId ? { ...run, inbox: state } : run));
      return { run: stored.find((run) => run.id === runId)! };
    },
  });
  loadStore(
    client,
    [sampleRepo()],
    [
      sampleTask({ id: 't1', title: 'Review 1a2b3c4', status: 'done', changes, automation: label }),
      sampleTask({ id: 't2', title: 'Update dependencies', status: 'done', changes, automation: label }),
    ],
  );
  client.onChange((change) => useStore.getState().ingestChange(change));
  useStore.setState({ view: 'inbox', automations: { a1: sampleAutomation() }, automationsLoaded: true });
  render(
    <>
      <SidebarHeader />
      <InboxView />
    </>,
  );
  return client;
}

const unreadRun = sampleRun({
  id: 'run1',
  inbox: 'unread',
  outcome: '1 file changed',
  firedAt: '2026-01-02T07:00:00Z',
});
const readRun = sampleRun({
  id: 'run0',
  inbox: 'read',
  outcome: 'Findings, no changes: the lock file is stale',
  taskIds: ['t2'],
  firedAt: '2026-01-01T07:00:00Z',
});
const archivedRun = sampleRun({
  id: 'runA',
  inbox: 'archived',
  outcome: 'Nothing to report',
  taskIds: [],
  firedAt: '2026-01-03T07:00:00Z',
});

const inboxState = (runId: string): InboxState | null => useStore.getState().automationRuns[runId]?.inbox ?? null;

describe('the inbox', () => {
  it('lists runs newest first, unread marked, with why each fired, what came of it and its tasks', async () => {
    setUp([readRun, unreadRun, archivedRun]);
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')).toHaveLength(2));
    const items = screen.getAllByTestId('inbox-item');
    expect(items.map((item) => item.getAttribute('data-run-id'))).toEqual(['run1', 'run0']);
    expect(items[0]!.className).toContain('unread');
    expect(items[1]!.className).not.toContain('unread');
    expect(within(items[0]!).getByTestId('inbox-name').textContent).toBe('review');
    expect(within(items[0]!).getByTestId('inbox-reason').textContent).toBe(
      'new commit 1a2b3c4 on main: Add the login page',
    );
    expect(within(items[0]!).getByTestId('inbox-outcome').textContent).toBe('1 file changed');
    expect(within(items[0]!).getByTestId('run-task').textContent).toContain('Review 1a2b3c4');
    expect(within(items[0]!).getByTestId('task-status').textContent).toBe('Done');
    expect(screen.getByTestId('nav-inbox-count').textContent).toBe('1');
  });

  it('counts unread runs live as the engine settles them, in the sidebar', async () => {
    const client = setUp([]);
    expect(await screen.findByTestId('inbox-empty')).toBeTruthy();
    expect(screen.queryByTestId('nav-inbox-count')).toBeNull();
    client.change({ type: 'automation.ran', run: sampleRun({ id: 'run1', inbox: null }) });
    expect(screen.queryByTestId('nav-inbox-count')).toBeNull();
    client.change({ type: 'automation.ran', run: unreadRun });
    client.change({ type: 'automation.ran', run: sampleRun({ id: 'run2', inbox: 'unread', taskIds: ['t2'] }) });
    await waitFor(() => expect(screen.getByTestId('nav-inbox-count').textContent).toBe('2'));
    expect(screen.getByTestId('inbox-unread').textContent).toBe('2 unread');
    client.change({ type: 'automation.ran', run: { ...unreadRun, inbox: 'read' } });
    await waitFor(() => expect(screen.getByTestId('nav-inbox-count').textContent).toBe('1'));
  });

  it('opening a run opens its task and marks it read', async () => {
    const client = setUp([unreadRun]);
    fireEvent.click(await screen.findByTestId('inbox-open'));
    expect(useStore.getState()).toMatchObject({ view: 'task', selectedTaskId: 't1' });
    await waitFor(() => expect(inboxState('run1')).toBe('read'));
    expect(client.calls.filter((call) => call.method === 'inbox/mark').map((call) => call.params)).toEqual([
      { runId: 'run1', state: 'read' },
    ]);
    expect(screen.queryByTestId('nav-inbox-count')).toBeNull();
  });

  it('marks a run unread again, archives it, and shows it again with Show archived', async () => {
    setUp([readRun]);
    const item = await screen.findByTestId('inbox-item');
    fireEvent.click(within(item).getByRole('button', { name: 'Mark unread' }));
    await waitFor(() => expect(inboxState('run0')).toBe('unread'));
    expect(screen.getByTestId('nav-inbox-count').textContent).toBe('1');

    fireEvent.click(within(screen.getByTestId('inbox-item')).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(screen.queryByTestId('inbox-item')).toBeNull());
    expect(screen.getByTestId('inbox-empty').textContent).toContain('The inbox is empty.');

    fireEvent.click(screen.getByLabelText('Show archived'));
    const archived = await screen.findByTestId('inbox-item');
    expect(archived.getAttribute('data-inbox')).toBe('archived');
    fireEvent.click(within(archived).getByRole('button', { name: 'Unarchive' }));
    await waitFor(() => expect(inboxState('run0')).toBe('read'));
  });

  it('shows archived runs the engine archived by itself only with Show archived', async () => {
    const client = setUp([archivedRun]);
    expect(await screen.findByTestId('inbox-empty')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Show archived'));
    expect((await screen.findByTestId('inbox-outcome')).textContent).toBe('Nothing to report');
    expect(client.calls.filter((call) => call.method === 'inbox/list').at(-1)?.params).toEqual({ all: true });
  });

  it('opens the review’s merge and discard dialogs for the run’s task', async () => {
    setUp([unreadRun]);
    const item = await screen.findByTestId('inbox-item');
    fireEvent.click(within(item).getByTestId('inbox-discard'));
    expect(screen.getByTestId('discard-dialog').textContent).toContain('Discard Review 1a2b3c4?');
  });
});
