// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '../../../shared/commands.js';
import type { PullRequest } from '../../../shared/pull-request.js';
import type { PushedBranch, Task } from '../../../shared/task.js';
import { makeDiff, makeFile, makeTask } from '../../../testing/renderer/review-fixtures.js';
import { scriptedClient, type FakeAnswers } from '../../../testing/renderer/fake-client.js';
import { useStore } from '../store/store.js';
import { ClientError } from '../transport/client-error.js';
import { ThreadHeader } from '../views/thread/thread-header.js';
import { ReviewPanel } from './review-panel.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useStore.setState({ reviews: {}, tasks: {}, client: null });
});

const pushed: PushedBranch = {
  remote: 'origin',
  branch: 'flotilla/greeting-task-1',
  commit: 'e'.repeat(40),
  pullRequestUrl: 'https://github.com/acme/shop/compare/main...flotilla/greeting-task-1?expand=1',
};
const pullRequest: PullRequest = {
  number: 12,
  url: 'https://github.com/acme/shop/pull/12',
  state: 'open',
  draft: false,
  checks: [
    { name: 'build', state: 'passed' },
    { name: 'test', state: 'pending' },
  ],
};
const later = (task: Task, fields: Partial<Task>): Task => ({ ...task, ...fields, updatedAt: '2030-01-01T00:00:00Z' });

async function showPanel(task: Task, answers: FakeAnswers = {}) {
  const client = scriptedClient({
    'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+a'])]) }),
    'task/get': () => ({ task }),
    'task/refreshPullRequest': () => ({ task, pullRequest: task.pullRequest, ghProblem: null }),
    ...answers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-totals');
  return client;
}

describe('creating a pull request from the review toolbar', () => {
  it('pushes and opens it, then shows its link, state and checks', async () => {
    const task = makeTask();
    let answer: (result: CommandResult<'task/createPullRequest'>) => void = () => undefined;
    const client = await showPanel(task, {
      'task/createPullRequest': () => new Promise((resolve) => (answer = resolve)),
    });
    const button = screen.getByRole('button', { name: 'Create pull request' });
    await act(async () => fireEvent.click(button));
    expect(button.textContent).toBe('Opening pull request…');
    expect(button).toHaveProperty('disabled', true);
    await act(async () =>
      answer({ task: later(task, { pushed, pullRequest }), pushed, pullRequest, created: true, ghProblem: null }),
    );

    expect(client.calls.filter((call) => call.method === 'task/createPullRequest').map((call) => call.params)).toEqual([
      { taskId: 'task-1' },
    ]);
    const link = screen.getByRole('link', { name: 'Pull request #12' });
    expect(link.getAttribute('href')).toBe('https://github.com/acme/shop/pull/12');
    expect(link.getAttribute('target')).toBe('_blank');
    const status = screen.getByTestId('review-pull-request-status');
    expect(status.textContent).toBe('Pull request #12openchecks: 1 passed, 1 pending');
    // The compare page that would open one gives way to the pull request itself.
    expect(screen.queryByRole('link', { name: 'Open pull request' })).toBeNull();
    expect(screen.getByTestId('review-create-pull-request').textContent).toBe('Push to pull request #12');
    expect(screen.queryByTestId('review-gh-problem')).toBeNull();
  });

  it('without gh, keeps the link to open one by hand and says what to install', async () => {
    const task = makeTask();
    const ghProblem =
      'GitHub CLI (gh) was not found on PATH. Install GitHub CLI (https://cli.github.com) and run gh auth login.';
    await showPanel(task, {
      'task/createPullRequest': () => ({
        task: later(task, { pushed }),
        pushed,
        pullRequest: null,
        created: false,
        ghProblem,
      }),
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create pull request' })));
    expect(screen.getByRole('link', { name: 'Open pull request' }).getAttribute('href')).toBe(pushed.pullRequestUrl);
    expect(screen.getByTestId('review-gh-problem').textContent).toBe(ghProblem);
    expect(screen.queryByTestId('review-pull-request-status')).toBeNull();
    expect(screen.getByTestId('review-create-pull-request').textContent).toBe('Create pull request');
  });

  it('shows the engine error verbatim and stays off while the agent runs', async () => {
    const message = 'The branch was pushed, but gh could not open its pull request into main on acme/shop: HTTP 422.';
    await showPanel(makeTask(), {
      'task/createPullRequest': () => Promise.reject(new ClientError('pullRequestFailed', message)),
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create pull request' })));
    expect(screen.getByTestId('review-pull-request-error').textContent).toBe(message);
    expect(screen.getByTestId('review-create-pull-request')).toHaveProperty('disabled', false);
    cleanup();
    useStore.setState({ reviews: {} });
    await showPanel(makeTask({ status: 'running' }));
    expect(screen.getByTestId('review-create-pull-request')).toHaveProperty('disabled', true);
  });
});

describe('the pull request in the task header', () => {
  it('shows it and asks for it again when the view opens and every 30 s while it is open', async () => {
    vi.useFakeTimers();
    const task = makeTask({ pushed, pullRequest });
    const merged: PullRequest = { ...pullRequest, state: 'merged', checks: [{ name: 'build', state: 'passed' }] };
    let answers = 0;
    const client = scriptedClient({
      'task/refreshPullRequest': () => {
        answers += 1;
        const latest = answers < 2 ? pullRequest : merged;
        return { task: later(task, { pullRequest: latest }), pullRequest: latest, ghProblem: null };
      },
    });
    useStore.setState({ client, tasks: { [task.id]: task } });
    render(<ThreadHeader taskId={task.id} />);
    const refreshes = () => client.calls.filter((call) => call.method === 'task/refreshPullRequest').length;
    expect(screen.getByTestId('task-pull-request').textContent).toBe(
      'pull requestPull request #12openchecks: 1 passed, 1 pending',
    );
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(refreshes()).toBe(1);
    await act(async () => vi.advanceTimersByTimeAsync(29_000));
    expect(refreshes()).toBe(1);
    await act(async () => vi.advanceTimersByTimeAsync(1_000));
    expect(refreshes()).toBe(2);
    expect(screen.getByTestId('pull-request-state').textContent).toBe('merged');
    expect(screen.getByTestId('pull-request-checks').textContent).toBe('checks: 1 passed');
    // Merged: nothing more to watch.
    await act(async () => vi.advanceTimersByTimeAsync(60_000));
    expect(refreshes()).toBe(2);
  });
});
