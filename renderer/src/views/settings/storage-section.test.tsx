// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient, type ScriptedClient } from '../../../../testing/renderer/fake-client.js';
import { ClientError } from '../../transport/client-error.js';
import { StorageSection } from './storage-section.js';

afterEach(cleanup);

describe('worktrees of merged tasks in settings', () => {
  it('removes every merged task’s worktree, counting down as they go, and lists the ones kept', async () => {
    const merged = (id: string, title: string) =>
      sampleTask({ id, title, status: 'merged', hasWorktree: true, mergedCommit: 'c'.repeat(40) });
    let client: ScriptedClient | null = null;
    client = scriptedClient({
      'task/removeWorktree': ({ taskId }) => {
        if (taskId === 'm2')
          throw new ClientError('worktreeChanged', 'The worktree is not at the tip of its branch, so it was kept.');
        // The engine's event is what updates the task list.
        client!.emit([
          eventStream(
            taskId,
            10,
          )({ type: 'worktree.removed', worktreePath: `/w/${taskId}`, branch: `flotilla/${taskId}` }),
        ]);
        return { task: { ...merged(taskId, taskId), hasWorktree: false }, removedWorktree: `/w/${taskId}` };
      },
    });
    loadStore(
      client,
      [sampleRepo()],
      [
        merged('m1', 'Add a parser'),
        merged('m2', 'Fix the login'),
        merged('m3', 'Tidy up'),
        sampleTask({ id: 'd1', status: 'done', hasWorktree: true }),
      ],
    );
    render(<StorageSection />);
    expect(screen.getByTestId('settings-storage').textContent).toContain(
      '3 merged tasks still have their worktrees on disk.',
    );

    await act(async () => fireEvent.click(screen.getByTestId('settings-remove-worktrees')));
    expect(client.calls.map((call) => call.params)).toEqual([{ taskId: 'm1' }, { taskId: 'm2' }, { taskId: 'm3' }]);
    expect(screen.getByRole('status').textContent).toBe('Removed 2 worktrees.');
    expect(screen.getByRole('alert').textContent).toContain(
      'Kept 1 worktree:Fix the login: The worktree is not at the tip of its branch, so it was kept.',
    );
    expect(screen.getByTestId('settings-storage').textContent).toContain(
      '1 merged task still has its worktree on disk.',
    );
    expect(screen.getByTestId('settings-remove-worktrees').textContent).toBe('Remove 1 worktree');
  });

  it('says when there is nothing to remove', () => {
    loadStore(scriptedClient({}), [sampleRepo()], [sampleTask({ id: 'm1', status: 'merged', hasWorktree: false })]);
    render(<StorageSection />);
    expect(screen.getByTestId('settings-storage').textContent).toBe('No merged task has a worktree on disk.');
    expect(screen.queryByTestId('settings-remove-worktrees')).toBeNull();
  });
});
