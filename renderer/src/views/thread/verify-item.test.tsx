// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../../../shared/verify.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { fakeLayout } from '../../../../testing/renderer/fake-layout.js';
import { defaultRepoSettings } from '../../../../shared/repo.js';
import { ThreadView } from './thread-view.js';

let restoreLayout: () => void = () => undefined;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

function result(overrides: Partial<VerifyResult>): VerifyResult {
  return {
    passed: false,
    outcome: 'failed',
    exitCode: 1,
    durationMs: 2_300,
    command: 'npm test',
    outputTail: 'one\ntwo\nthree\nfour\nfive\nsix\nseven\nFAIL parse.test.ts\n',
    outputChars: 60,
    commit: 'a'.repeat(40),
    at: '2025-01-01T00:00:10.000Z',
    ...overrides,
  };
}

function setUp(verifyCommand = 'npm test') {
  const next = eventStream('t1');
  const task = sampleTask({ id: 't1', status: 'running', hasWorktree: true, lastCommit: 'a'.repeat(40) });
  const client = scriptedClient({
    'task/events': () => ({ events: [next({ type: 'user.message', text: 'Fix it' })] }),
  });
  loadStore(client, [sampleRepo({ settings: { ...defaultRepoSettings, verifyCommand } })], [task]);
  render(<ThreadView taskId="t1" />);
  return { client, next };
}

describe('a verify step in the thread', () => {
  it('streams a running check, then shows the failure, its tail and the retry, and the checks’ message to the agent', async () => {
    const { client, next } = setUp();
    await screen.findByTestId('user-message');
    act(() =>
      client.emit([
        next({
          type: 'verify.started',
          command: 'npm test',
          commit: 'a'.repeat(40),
          trigger: 'turn',
          retry: 0,
          retries: 2,
        }),
        next({ type: 'verify.output', text: 'RUN parse.test.ts\n' }),
      ]),
    );
    const step = screen.getByTestId('verify-step');
    expect(step.dataset.state).toBe('running');
    expect(within(step).getByLabelText('Running')).toBeTruthy();
    expect(step.textContent).toContain('RUN parse.test.ts');
    expect(screen.getByTestId('task-verify').textContent).toBe('… Verifying');
    expect((screen.getByTestId('run-checks') as HTMLButtonElement).disabled).toBe(true);

    act(() =>
      client.emit([
        next({ type: 'verify.finished', result: result({}), willRetry: true, retry: 0, retries: 2 }),
        next({
          type: 'user.message',
          text: 'The checks failed after your changes.\n\nOutput:\nFAIL',
          origin: 'verify',
        }),
      ]),
    );
    expect(step.dataset.state).toBe('failed');
    expect(step.textContent).toContain('exited 1');
    expect(screen.getByTestId('verify-duration').textContent).toBe('2s');
    expect(screen.getByTestId('verify-tail').textContent).toBe('three\nfour\nfive\nsix\nseven\nFAIL parse.test.ts');
    expect(screen.getByTestId('verify-retry').textContent).toBe(
      'Verify failed, retry 1 of 2: the output went back to the agent.',
    );
    expect(screen.getByTestId('task-verify').textContent).toBe('↻ Retry 1 of 2');
    const [, fromChecks] = screen.getAllByTestId('user-message');
    expect(fromChecks?.dataset.origin).toBe('verify');
    expect(within(fromChecks!).getByTestId('message-sender').textContent).toBe('Flotilla’s checks, to the agent');
    expect(fromChecks?.querySelector('.message-text')?.textContent).toBe('The checks failed after your changes.');
    fireEvent.click(within(fromChecks!).getByText('Show what was sent'));
    expect(fromChecks?.querySelector('.message-text')?.textContent).toContain('Output:\nFAIL');

    // Opening the step shows the whole tail once, in place of the short one.
    fireEvent.click(screen.getByTestId('verify-step-toggle'));
    expect(screen.queryByTestId('verify-tail')).toBeNull();
    expect(step.querySelector('.verify-output')?.textContent).toContain('one\ntwo');

    act(() =>
      client.emit([
        next({ type: 'checkpoint', commit: 'b'.repeat(40), message: 'flotilla: turn 2 completed' }),
        next({
          type: 'verify.started',
          command: 'npm test',
          commit: 'b'.repeat(40),
          trigger: 'turn',
          retry: 1,
          retries: 2,
        }),
        next({
          type: 'verify.finished',
          result: result({ passed: true, outcome: 'passed', exitCode: 0, commit: 'b'.repeat(40), outputTail: 'ok\n' }),
          willRetry: false,
          retry: 1,
          retries: 2,
        }),
        next({ type: 'status.changed', status: 'done', previous: 'running', message: null }),
      ]),
    );
    const steps = screen.getAllByTestId('verify-step');
    expect(steps.map((each) => each.dataset.state)).toEqual(['failed', 'passed']);
    expect(steps[1]?.textContent).toContain('passed');
    expect(screen.getByTestId('task-verify').textContent).toBe('✓ Verified');
  });

  it('says when the checks failed for good after the last retry', async () => {
    const { client, next } = setUp();
    await screen.findByTestId('user-message');
    act(() =>
      client.emit([
        next({
          type: 'verify.started',
          command: 'npm test',
          commit: 'a'.repeat(40),
          trigger: 'turn',
          retry: 2,
          retries: 2,
        }),
        next({ type: 'verify.finished', result: result({}), willRetry: false, retry: 2, retries: 2 }),
        next({ type: 'status.changed', status: 'done', previous: 'running', message: 'Failed verification' }),
      ]),
    );
    expect(screen.getByTestId('verify-retry').textContent).toBe('Verify failed after 2 retries.');
    expect(screen.getByTestId('task-verify').textContent).toBe('✗ Failed verification');
  });

  it('offers Run checks for a finished task, and turns it off with the reason when no command is set', async () => {
    setUp('');
    const button = (await screen.findByTestId('run-checks')) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.title).toBe('No verify command is set for webapp: set one in Settings → Repositories to run checks.');
  });
});
