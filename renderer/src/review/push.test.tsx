// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/commands.js';
import type { PushedBranch, Task } from '../../../shared/task.js';
import { useStore } from '../store/store.js';
import { scriptedClient, type FakeAnswers } from '../../../testing/renderer/fake-client.js';
import { ClientError } from '../transport/client-error.js';
import { ReviewPanel } from './review-panel.js';
import { makeDiff, makeFile, makeTask } from '../../../testing/renderer/review-fixtures.js';

afterEach(() => {
  cleanup();
  useStore.setState({ reviews: {}, tasks: {}, client: null });
});

const pushed: PushedBranch = {
  remote: 'origin',
  branch: 'flotilla/greeting-task-1',
  commit: 'e'.repeat(40),
  pullRequestUrl: 'https://github.com/acme/shop/compare/main...flotilla/greeting-task-1?expand=1',
};

async function showPanel(task: Task, answers: FakeAnswers = {}) {
  const client = scriptedClient({
    'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+a'])]) }),
    'task/get': () => ({ task }),
    ...answers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-totals');
  return client;
}

describe('pushing from the review toolbar', () => {
  it('pushes, says where the branch went and links to the pull request', async () => {
    let answer: (result: CommandResult<'task/push'>) => void = () => undefined;
    const client = await showPanel(makeTask(), { 'task/push': () => new Promise((resolve) => (answer = resolve)) });
    const button = screen.getByRole('button', { name: 'Push' });
    expect(screen.queryByTestId('review-pushed')).toBeNull();

    await act(async () => fireEvent.click(button));
    expect(button.textContent).toBe('Pushing…');
    expect(button).toHaveProperty('disabled', true);
    await act(async () => answer({ task: makeTask(), pushed }));

    expect(client.calls.filter((call) => call.method === 'task/push').map((call) => call.params)).toEqual([
      { taskId: 'task-1' },
    ]);
    expect(screen.getByTestId('review-pushed').textContent).toBe('Pushed flotilla/greeting-task-1 to origin');
    const link = screen.getByRole('link', { name: 'Open pull request' });
    expect(link.getAttribute('href')).toBe(pushed.pullRequestUrl);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer noopener');
    expect(screen.getByTestId('review-push').textContent).toBe('Push again');
    expect(screen.getByTestId('review-push')).toHaveProperty('disabled', false);
    expect(screen.queryByTestId('review-push-error')).toBeNull();
  });

  it('shows the engine error verbatim and lets the user try again', async () => {
    const message = '/tmp/shop has no remote to push to. Add one (git remote add origin <url>), then push again.';
    await showPanel(makeTask(), { 'task/push': () => Promise.reject(new ClientError('noRemote', message)) });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Push' })));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(message);
    expect(alert.dataset.testid).toBe('review-push-error');
    expect(screen.queryByTestId('review-pushed')).toBeNull();
    expect(screen.getByTestId('review-push')).toHaveProperty('disabled', false);
    expect(screen.getByTestId('review-push').textContent).toBe('Push');
  });

  it('keeps Push disabled while the agent is running, and for merged or discarded tasks', async () => {
    const client = await showPanel(makeTask({ status: 'running' }));
    const button = screen.getByTestId('review-push');
    expect(button).toHaveProperty('disabled', true);
    fireEvent.click(button);
    expect(client.calls.some((call) => call.method === 'task/push')).toBe(false);
    cleanup();

    for (const status of ['merged', 'discarded'] as const) {
      useStore.setState({ reviews: {} });
      await showPanel(makeTask({ status }));
      expect(screen.getByTestId('review-push')).toHaveProperty('disabled', true);
      cleanup();
    }
  });

  it('shows an earlier push of the task when the review opens, without a link for an unknown host', async () => {
    await showPanel(makeTask({ pushed: { ...pushed, remote: 'upstream', pullRequestUrl: null } }));
    expect(screen.getByTestId('review-pushed').textContent).toBe('Pushed flotilla/greeting-task-1 to upstream');
    expect(screen.queryByTestId('review-pull-request')).toBeNull();
    expect(screen.getByRole('button', { name: 'Push again' })).toHaveProperty('disabled', false);
  });
});
