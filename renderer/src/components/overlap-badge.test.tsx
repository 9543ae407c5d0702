// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Overlap } from '../../../shared/overlap.js';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { fakeLayout } from '../../../testing/renderer/fake-layout.js';
import { TaskRow } from '../views/sidebar/task-row.js';
import { ThreadView } from '../views/thread/thread-view.js';

let restoreLayout: () => void = () => undefined;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

const withLogin: Overlap = { taskId: 't2', title: 'Add login', files: ['src/auth.ts'], conflicts: true };
const withDocs: Overlap = { taskId: 't1', title: 'Fix auth', files: ['src/auth.ts'], conflicts: null };

describe('overlap warnings in the window', () => {
  it('badge the sidebar rows that overlap, say whether they conflict, and clear when the engine says so', () => {
    const next = eventStream('t1', 5);
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(
      client,
      [sampleRepo()],
      [
        sampleTask({ id: 't1', title: 'Fix auth', status: 'running', overlaps: [withLogin] }),
        sampleTask({ id: 't2', title: 'Add login', status: 'done', overlaps: [withDocs] }),
        sampleTask({ id: 't3', title: 'Write docs', status: 'done' }),
      ],
    );
    render(
      <ul>
        <TaskRow taskId="t1" shortcut={null} grouped={false} />
        <TaskRow taskId="t2" shortcut={null} grouped={false} />
        <TaskRow taskId="t3" shortcut={null} grouped={false} />
      </ul>,
    );
    const [fix, login, docs] = screen.getAllByTestId('task-row');
    const conflicting = within(fix!).getByTestId('task-overlap');
    expect(conflicting.textContent).toBe('⚠\u00a0conflicts with 1 task: ' + conflicting.getAttribute('title'));
    expect(conflicting.getAttribute('title')).toBe(
      'Changes the same file src/auth.ts as “Add login” (t2); their changes conflict.',
    );
    expect(within(login!).getByTestId('task-overlap').getAttribute('title')).toBe(
      'Changes the same file src/auth.ts as “Fix auth” (t1).',
    );
    expect(within(login!).getByTestId('task-overlap').dataset.conflicts).toBe('false');
    expect(within(docs!).queryByTestId('task-overlap')).toBeNull();

    act(() => client.emit([next({ type: 'overlaps.changed', overlaps: [] })]));
    expect(within(screen.getAllByTestId('task-row')[0]!).queryByTestId('task-overlap')).toBeNull();
  });

  it('badges the thread header and puts a line in the thread naming the other task and the files, and one when it clears', async () => {
    const next = eventStream('t1');
    const history = [
      next({ type: 'user.message', text: 'Fix auth' }),
      next({ type: 'overlaps.changed', overlaps: [{ ...withLogin, conflicts: null }] }),
      // Found right after (the merge-tree said so): the same line says it, rather than a second one.
      next({ type: 'overlaps.changed', overlaps: [withLogin] }),
      next({ type: 'agent.text', text: 'Carrying on.' }),
      next({ type: 'overlaps.changed', overlaps: [] }),
    ];
    const task = sampleTask({ id: 't1', title: 'Fix auth', status: 'done', hasWorktree: true, overlaps: [withLogin] });
    loadStore(scriptedClient({ 'task/events': () => ({ events: history }) }), [sampleRepo()], [task]);
    render(<ThreadView taskId="t1" />);
    expect(
      await screen.findByText('Changes the same file src/auth.ts as “Add login” (t2); their changes conflict.'),
    ).toBeTruthy();
    expect(screen.queryByText('Changes the same file src/auth.ts as “Add login” (t2).')).toBeNull();
    expect(screen.getByText('No longer changes the same files as another active task.')).toBeTruthy();
    expect(within(screen.getByTestId('thread-header')).getByTestId('task-overlap').textContent).toContain(
      'conflicts with 1 task',
    );
  });

  it('names the conflicting overlaps first and counts the rest when a task overlaps many', () => {
    const others: Overlap[] = Array.from({ length: 6 }, (_, index) => ({
      taskId: `o${index}`,
      title: `Other ${index}`,
      files: ['src/auth.ts'],
      conflicts: index === 4 ? true : false,
    }));
    loadStore(scriptedClient({}), [sampleRepo()], [sampleTask({ id: 't1', status: 'done', overlaps: others })]);
    render(
      <ul>
        <TaskRow taskId="t1" shortcut={null} grouped={false} />
      </ul>,
    );
    const badge = screen.getByTestId('task-overlap');
    expect(badge.textContent).toContain('conflicts with 1 task');
    expect(badge.getAttribute('title')).toBe(
      [
        'Changes the same file src/auth.ts as “Other 4” (o4); their changes conflict.',
        'Changes the same file src/auth.ts as “Other 0” (o0); their changes merge cleanly.',
        'Changes the same file src/auth.ts as “Other 1” (o1); their changes merge cleanly.',
        '3 more tasks change some of the same files; the thread names each.',
      ].join(' '),
    );
  });
});
