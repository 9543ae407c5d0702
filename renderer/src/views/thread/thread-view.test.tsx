// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { fakeLayout } from '../../../../testing/renderer/fake-layout.js';
import { makeDiff, makeFile } from '../../../../testing/renderer/review-fixtures.js';
import { useStore } from '../../store/store.js';
import { ThreadView } from './thread-view.js';

let restoreLayout: () => void = () => undefined;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

function setUp() {
  const next = eventStream('t1');
  const task = sampleTask({
    id: 't1',
    status: 'awaitingApproval',
    hasWorktree: true,
    sandbox: 'none',
    title: 'Clean the build',
  });
  const history = [
    next({ type: 'user.message', text: 'Clean the build' }),
    next({ type: 'agent.text', text: 'I will run ' }),
    next({ type: 'agent.text', text: '`make clean`.' }),
    next({
      type: 'approval.requested',
      requestId: 'ap-1',
      tool: 'bash',
      input: { command: 'make clean' },
      summary: 'make clean',
    }),
  ];
  const client = scriptedClient({
    'task/events': () => ({ events: history }),
    'task/approve': () => ({ task: { ...task, status: 'running' } }),
    'task/send': () => ({ task }),
    'task/stop': () => ({ task: { ...task, status: 'stopped' } }),
  });
  loadStore(client, [sampleRepo()], [task]);
  render(<ThreadView taskId="t1" />);
  return { client, next };
}

describe('thread view', () => {
  it('shows the thread from task/events with coalesced Markdown text and an inline approval', async () => {
    const { client } = setUp();
    const approve = await screen.findByTestId('approval-approve');
    expect(screen.getByText('make clean', { selector: 'code' })).toBeTruthy();
    expect(screen.getAllByTestId('thread-item').map((item) => item.dataset.kind)).toEqual([
      'user',
      'assistant',
      'approval',
    ]);
    expect(screen.getByTestId('unsandboxed-label')).toBeTruthy();
    fireEvent.click(approve);
    await waitFor(() => expect(client.calls.some((call) => call.method === 'task/approve')).toBe(true));
    expect(client.calls.find((call) => call.method === 'task/approve')?.params).toEqual({
      taskId: 't1',
      requestId: 'ap-1',
      decision: 'approve',
    });
  });

  it('appends live events and marks the approval as answered', async () => {
    const { client, next } = setUp();
    await screen.findByTestId('approval-approve');
    next({ type: 'notice', level: 'info', message: 'skipped' });
    act(() =>
      client.emit([
        next({ type: 'approval.resolved', requestId: 'ap-1', decision: 'deny', by: 'user' }),
        next({ type: 'tool.started', callId: 'c1', name: 'bash', input: { command: 'ls' } }),
      ]),
    );
    expect(screen.queryByTestId('approval-approve')).toBeNull();
    expect(screen.getByTestId('approval').dataset.decision).toBe('deny');
    expect(screen.getByTestId('tool-call').getAttribute('aria-label')).toBe('Tool call bash: ls, running');
  });

  it('sends a follow-up with Ctrl+Enter and stops the task', async () => {
    const { client } = setUp();
    await screen.findByTestId('approval-approve');
    const box = screen.getByLabelText('Follow-up message');
    fireEvent.change(box, { target: { value: 'Also clean the cache' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(client.calls.find((call) => call.method === 'task/send')?.params).toEqual({
        taskId: 't1',
        text: 'Also clean the cache',
      }),
    );
    fireEvent.click(screen.getByTestId('stop-task'));
    await waitFor(() => expect(client.calls.some((call) => call.method === 'task/stop')).toBe(true));
    await waitFor(() => expect(screen.queryByTestId('stop-task')).toBeNull());
  });

  it('opens the Review tab on the diff prefetched while the thread was read', async () => {
    const task = sampleTask({ id: 't1', status: 'done', hasWorktree: true, title: 'Clean the build' });
    const client = scriptedClient({
      'task/events': () => ({ events: [] }),
      'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+const count = 1;'])]) }),
    });
    loadStore(client, [sampleRepo()], [task]);
    render(<ThreadView taskId="t1" />);
    await waitFor(() => expect(useStore.getState().reviews.t1?.diff).toBeTruthy());
    fireEvent.click(screen.getByTestId('tab-review'));
    // Loading the review's code on a busy machine can take longer than testing-library's one-second default.
    const totals = await screen.findByTestId('review-totals', {}, { timeout: 10_000 });
    expect(totals.textContent).toContain('1 file changed');
    expect(client.calls.filter((call) => call.method === 'task/diff')).toHaveLength(1);
  });

  it('puts the task’s line counts on the Review tab and the total on each checkpoint line', async () => {
    const next = eventStream('t1');
    const task = sampleTask({
      id: 't1',
      status: 'done',
      hasWorktree: true,
      title: 'Add a parser',
      changes: { files: 2, additions: 40, deletions: 1 },
    });
    const history = [
      next({
        type: 'checkpoint',
        commit: 'abcdef0123456',
        message: 'flotilla: turn 1 completed',
        changes: { files: 2, additions: 40, deletions: 1 },
      }),
    ];
    const client = scriptedClient({
      'task/events': () => ({ events: history }),
      'task/diff': () => ({ diff: makeDiff([]) }),
    });
    loadStore(client, [sampleRepo()], [task]);
    render(<ThreadView taskId="t1" />);
    expect(screen.getByTestId('tab-review-counts').textContent).toBe('+40 −1');
    expect(screen.getByTestId('task-base').textContent).toBe('from main');
    expect(screen.getByRole('tab', { name: 'Review' })).toBeTruthy();
    expect(await screen.findByText(/in all, 2 files changed: 40 lines added, 1 removed/)).toBeTruthy();
    act(() => useStore.setState((state) => ({ tasks: { ...state.tasks, t1: { ...task, changes: null } } })));
    expect(screen.queryByTestId('tab-review-counts')).toBeNull();
  });
});
