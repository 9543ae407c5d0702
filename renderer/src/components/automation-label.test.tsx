// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { TaskRow } from '../views/sidebar/task-row.js';
import { ThreadHeader } from '../views/thread/thread-header.js';

afterEach(cleanup);

const label = {
  automationId: 'a1',
  name: 'review',
  runId: 'run1',
  reason: 'new commit 1a2b3c4 on main: Add the login page',
  depth: 0,
};

describe('tasks an automation started', () => {
  it('say "by <automation>" in the sidebar row and the thread header, with why it fired as the title', () => {
    loadStore(
      scriptedClient({}),
      [sampleRepo()],
      [
        sampleTask({ id: 't1', title: 'Review 1a2b3c4', status: 'done', automation: label }),
        sampleTask({ id: 't2', title: 'By hand', status: 'done' }),
      ],
    );
    render(
      <>
        <ul>
          <TaskRow taskId="t1" shortcut={null} grouped={false} />
          <TaskRow taskId="t2" shortcut={null} grouped={false} />
        </ul>
        <ThreadHeader taskId="t1" />
      </>,
    );
    const [labelled, plain] = screen.getAllByTestId('task-row');
    const rowLabel = within(labelled!).getByTestId('task-automation');
    expect(rowLabel.textContent).toBe('by review');
    expect(rowLabel.getAttribute('title')).toBe(
      'Started by the automation review: new commit 1a2b3c4 on main: Add the login page',
    );
    expect(within(plain!).queryByTestId('task-automation')).toBeNull();
    expect(within(screen.getByTestId('thread-header')).getByTestId('task-automation').textContent).toBe('by review');
  });
});
