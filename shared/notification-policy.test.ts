import { describe, expect, it } from 'vitest';
import type { ThreadEvent } from './events.js';
import { isNotable, notificationFor } from './notification-policy.js';

const base = { taskId: 't1', seq: 5, at: '2025-01-01T00:00:00.000Z' };
const done: ThreadEvent = { ...base, type: 'status.changed', status: 'done', previous: 'running', message: null };
const failed: ThreadEvent = {
  ...base,
  type: 'status.changed',
  status: 'failed',
  previous: 'running',
  message: 'npm test exited with 1',
};
const approval: ThreadEvent = {
  ...base,
  type: 'approval.requested',
  requestId: 'r1',
  tool: 'bash',
  input: {},
  summary: 'rm -rf node_modules',
};

describe('desktop notifications', () => {
  it('come only for finished, failed and waiting-for-approval tasks', () => {
    expect([done, failed, approval].every(isNotable)).toBe(true);
    const quiet: ThreadEvent[] = [
      { ...base, type: 'status.changed', status: 'running', previous: 'queued', message: null },
      { ...base, type: 'status.changed', status: 'awaitingApproval', previous: 'running', message: null },
      { ...base, type: 'status.changed', status: 'stopped', previous: 'running', message: null },
      { ...base, type: 'agent.text', text: 'working' },
      { ...base, type: 'approval.resolved', requestId: 'r1', decision: 'approve', by: 'user' },
    ];
    expect(quiet.filter(isNotable)).toEqual([]);
  });

  it('say what happened to which task', () => {
    const login = { title: 'Fix the login bug', changes: null };
    expect(notificationFor(done, login, false)).toEqual({
      taskId: 't1',
      title: 'Finished: Fix the login bug',
      body: expect.stringContaining('Review the changes'),
    });
    expect(notificationFor(done, { ...login, changes: { files: 3, additions: 120, deletions: 7 } }, false)?.body).toBe(
      '3 files changed: 120 lines added, 7 removed. Review them and merge or discard.',
    );
    expect(notificationFor(done, { ...login, changes: { files: 0, additions: 0, deletions: 0 } }, false)?.body).toBe(
      'The agent is done; it changed no files.',
    );
    const budget = 'Stopped at the cost budget ($2.10 of $2 spent). Raise or remove the budget to let the agent go on.';
    expect(notificationFor({ ...done, message: budget }, login, false)).toEqual({
      taskId: 't1',
      title: 'Stopped: Fix the login bug',
      body: budget,
    });
    expect(notificationFor(failed, login, false)).toMatchObject({
      title: 'Failed: Fix the login bug',
      body: 'npm test exited with 1',
    });
    expect(notificationFor(approval, null, false)).toEqual({
      taskId: 't1',
      title: 'Approval needed: Task t1',
      body: 'bash: rm -rf node_modules',
    });
  });

  it('stay quiet while the user is looking at the window', () => {
    expect(notificationFor(done, { title: 'x', changes: null }, true)).toBeNull();
  });

  it('keep long titles and bodies short and on one line', () => {
    const long = notificationFor(
      { ...approval, summary: `line one\n${'a'.repeat(500)}` },
      { title: 'T'.repeat(200), changes: null },
      false,
    )!;
    expect(long.title.length).toBeLessThanOrEqual('Approval needed: '.length + 80);
    expect(long.body.length).toBeLessThanOrEqual(200);
    expect(long.body).not.toContain('\n');
  });

  it('say whether a finished task passed its checks', () => {
    const result = {
      passed: true,
      outcome: 'passed' as const,
      exitCode: 0,
      durationMs: 4_200,
      command: 'npm test',
      outputTail: '',
      outputChars: 0,
      commit: 'c1',
      at: base.at,
    };
    const changes = { files: 2, additions: 5, deletions: 1 };
    expect(notificationFor(done, { title: 'Fix dates', changes, lastVerify: result }, false)).toEqual({
      taskId: 't1',
      title: 'Verified: Fix dates',
      body: '2 files changed: 5 lines added, 1 removed; `npm test` passed in 4.2 s.',
    });
    const failedChecks = { ...result, passed: false, outcome: 'failed' as const, exitCode: 1 };
    const message = 'Failed verification: `npm test` exited 1 after 2 retries.';
    expect(
      notificationFor({ ...done, message }, { title: 'Fix dates', changes, lastVerify: failedChecks }, false),
    ).toEqual({ taskId: 't1', title: 'Failed verification: Fix dates', body: message });
  });
});
