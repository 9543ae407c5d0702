// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge } from '../components/status-badge.js';
import { taskFields } from '../components/task-fields.js';
import { useStore } from '../store/store.js';
import { OtherAttempts, SiblingMergedBanner } from './other-attempts.js';
import { fakeClient, makeTask } from '../../../testing/renderer/review-fixtures.js';

afterEach(() => {
  cleanup();
  useStore.setState({ reviews: {}, client: null, tasks: {} });
});

const commit = 'c'.repeat(40);
const mergedSibling = { taskId: 'a1', into: 'main', commit };
const group = {
  a1: makeTask({ id: 'a1', groupId: 'g', status: 'merged', mergedCommit: commit, mergedInto: 'main' }),
  a2: makeTask({
    id: 'a2',
    groupId: 'g',
    agent: 'codex',
    status: 'done',
    mergedSibling,
    changes: { files: 2, additions: 5, deletions: 1 },
  }),
  a3: makeTask({ id: 'a3', groupId: 'g', status: 'running', mergedSibling }),
  a4: makeTask({ id: 'a4', groupId: 'g', status: 'discarded', mergedSibling }),
  other: makeTask({ id: 'other', groupId: null, status: 'done' }),
};

describe('the other attempts of a merged task', () => {
  it('reads "Another attempt was merged" on a left-over attempt instead of Done, and its review says which one', () => {
    render(<StatusBadge task={taskFields(group.a2)!} />);
    expect(screen.getByTestId('task-status').textContent).toBe('Another attempt was merged');
    cleanup();
    render(<StatusBadge task={taskFields(group.other)!} />);
    expect(screen.getByTestId('task-status').textContent).toBe('Done');
    cleanup();
    // Its review says which attempt went in instead.
    useStore.setState({ tasks: { ...group } });
    render(<SiblingMergedBanner taskId="a2" />);
    expect(screen.getByTestId('review-sibling-merged').textContent).toBe(
      'Another attempt (a1) was merged into main as cccccccccc; this one was not. Its work stays on its branch; Discard… archives it (restorable).',
    );
    cleanup();
    render(<SiblingMergedBanner taskId="other" />);
    expect(screen.queryByTestId('review-sibling-merged')).toBeNull();
  });

  it('lists the attempts not merged, says what discarding them keeps, and discards them all with one confirmation', async () => {
    const client = fakeClient({
      'task/discard': ({ taskId }) => ({
        task: {
          ...group[taskId as 'a2' | 'a3'],
          status: 'discarded',
          hasWorktree: false,
          archiveRef: `refs/flotilla/archive/${taskId}`,
          updatedAt: '2030-01-01T00:00:00.000Z',
        },
      }),
    });
    useStore.setState({ client, tasks: { ...group } });
    render(<OtherAttempts taskId="a1" />);
    const box = screen.getByTestId('other-attempts');
    expect(box.textContent).toContain('2 other attempts of this prompt were not merged:');
    const [done, running] = screen.getAllByTestId('other-attempt').map((item) => item.textContent);
    expect(done).toBe('a2 codex, 2 files changed: 5 lines added, 1 removed');
    expect(running).toMatch(/^a3 .*\(still working; it is stopped first\)$/);

    fireEvent.click(within(box).getByRole('button', { name: 'Discard the other attempts…' }));
    expect(client.calls).toEqual([]);
    expect(screen.getByTestId('other-attempts-confirm').textContent).toContain('Their work is not in the merge.');
    expect(screen.getByTestId('other-attempts-confirm').textContent).toContain(
      'archived under refs/flotilla/archive/<task>, so any of them can be restored',
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Discard 2 attempts' })));
    expect(client.calls.map((call) => call.params)).toEqual([{ taskId: 'a2' }, { taskId: 'a3' }]);
    expect(screen.queryByTestId('other-attempts')).toBeNull();
  });

  it('says which attempt could not be discarded, and shows nothing for a task that is not merged', async () => {
    const client = fakeClient({ 'task/discard': () => Promise.reject(new Error('The worktree is locked.')) });
    useStore.setState({ client, tasks: { a1: group.a1, a2: group.a2 } });
    render(<OtherAttempts taskId="a1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Discard the other attempt…' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Discard 1 attempt' })));
    expect(screen.getByRole('alert').textContent).toContain('Not discarded: a2: The worktree is locked.');
    cleanup();
    render(<OtherAttempts taskId="a2" />);
    expect(screen.queryByTestId('other-attempts')).toBeNull();
  });
});
