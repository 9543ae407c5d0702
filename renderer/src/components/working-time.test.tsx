// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThreadEvent, ThreadEventInput } from '../../../shared/events.js';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { Sidebar } from '../views/sidebar/sidebar.js';
import { ThreadHeader } from '../views/thread/thread-header.js';

const start = Date.UTC(2025, 0, 1, 0, 0, 0);
let seq = 1;
/** An event stamped at the fake clock's current time, as the engine would stamp it now. */
function now(input: ThreadEventInput): ThreadEvent {
  return { ...input, taskId: 't1', seq: seq++, at: new Date(Date.now()).toISOString() } as ThreadEvent;
}

beforeEach(() => {
  seq = 1;
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(start);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function shown(): { row: string; header: string } {
  const row = within(screen.getByTestId('task-row')).queryByTestId('task-working-time')?.textContent ?? '';
  const header = within(screen.getByTestId('thread-header')).queryByTestId('task-elapsed')?.textContent ?? '';
  return { row, header };
}

describe('the time shown for a task', () => {
  it('is the agent’s working time: it ticks only while a turn runs and does not grow with a later merge', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(
      client,
      [sampleRepo()],
      [sampleTask({ id: 't1', createdAt: new Date(start).toISOString(), updatedAt: new Date(start).toISOString() })],
    );
    render(
      <>
        <Sidebar />
        <ThreadHeader taskId="t1" />
      </>,
    );
    // Queued for a while: no turn has run, so no time is shown at all.
    act(() => vi.advanceTimersByTime(60_000));
    expect(shown()).toEqual({ row: '', header: '' });

    act(() =>
      client.emit([
        now({ type: 'status.changed', status: 'running', previous: 'queued', message: null }),
        now({ type: 'turn.started', turn: 1 }),
      ]),
    );
    act(() => vi.advanceTimersByTime(12_000));
    expect(shown()).toEqual({ row: '12s', header: '12s' });

    act(() =>
      client.emit([
        now({ type: 'turn.ended', turn: 1, reason: 'completed', message: null }),
        now({ type: 'status.changed', status: 'done', previous: 'running', message: null }),
      ]),
    );
    // Nine minutes later it is merged: still the 12 seconds the agent worked.
    act(() => vi.advanceTimersByTime(9 * 60_000));
    act(() =>
      client.emit([
        now({ type: 'merged', commit: 'abc', into: 'main', mode: 'squash' }),
        now({ type: 'status.changed', status: 'merged', previous: 'done', message: null }),
      ]),
    );
    act(() => vi.advanceTimersByTime(5_000));
    expect(shown()).toEqual({ row: '12s', header: '12s' });

    // A follow-up's turn adds its time to the total.
    act(() => client.emit([now({ type: 'turn.started', turn: 2 })]));
    act(() => vi.advanceTimersByTime(3_000));
    expect(shown()).toEqual({ row: '15s', header: '15s' });
  });
});
