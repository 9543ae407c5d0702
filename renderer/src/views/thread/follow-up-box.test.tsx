// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mergedFollowUpHint } from '../../review/merged-banner.js';
import { fakeClient } from '../../../../testing/renderer/review-fixtures.js';
import { useStore } from '../../store/store.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { FollowUpBox } from './follow-up-box.js';

afterEach(() => {
  cleanup();
  useStore.setState({ tasks: {}, client: null });
});

describe('the follow-up box', () => {
  it('stays open on a merged task and says, as the review does, that a follow-up brings the worktree back from the branch', async () => {
    const task = sampleTask({
      id: 't1',
      status: 'merged',
      hasWorktree: false,
      mergedCommit: 'm'.repeat(40),
      mergedInto: 'main',
    });
    const client = fakeClient({ 'task/send': () => ({ task: { ...task, status: 'queued' } }) });
    useStore.setState({ client, tasks: { t1: task } });
    render(<FollowUpBox taskId="t1" />);
    expect(screen.getByTestId('follow-up-merged').textContent).toBe(
      'Merged into main. A follow-up message brings its worktree back from the branch and goes on there; merge again to land what it adds.',
    );
    expect(screen.getByTestId('follow-up-merged').textContent).toContain(mergedFollowUpHint(false));
    expect(document.body.textContent).not.toContain('start a new task');
    fireEvent.change(screen.getByTestId('follow-up-input'), { target: { value: 'Also add a test' } });
    await act(async () => fireEvent.click(screen.getByTestId('follow-up-send')));
    expect(client.calls).toEqual([{ method: 'task/send', params: { taskId: 't1', text: 'Also add a test' } }]);
  });

  it('is closed on a discarded task, saying to restore it first', () => {
    useStore.setState({ tasks: { t1: sampleTask({ id: 't1', status: 'discarded' }) } });
    render(<FollowUpBox taskId="t1" />);
    expect(screen.queryByTestId('follow-up-input')).toBeNull();
    expect(document.body.textContent).toBe(
      'This task is discarded; restore it (Review → Restore) to continue the work.',
    );
  });
});
