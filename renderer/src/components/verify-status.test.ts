import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../../shared/verify.js';
import { sampleTask } from '../../../testing/renderer/events.js';
import { taskFields } from './task-fields.js';
import { retriesFor, verifyView } from './verify-status.js';

const passed: VerifyResult = {
  passed: true,
  outcome: 'passed',
  exitCode: 0,
  durationMs: 4_200,
  command: 'npm test',
  outputTail: 'ok',
  outputChars: 2,
  commit: 'a'.repeat(40),
  at: '2025-01-01T00:00:00.000Z',
};

describe('a task’s checks as the sidebar, overview and header show them', () => {
  it('say nothing before any check, then verified, stale after a later commit, and failed', () => {
    const task = sampleTask({ status: 'done', lastCommit: 'a'.repeat(40) });
    expect(verifyView(task, 2)).toBeNull();
    expect(verifyView({ ...task, lastVerify: passed }, 2)).toEqual({
      state: 'passed',
      label: 'Verified',
      title: '`npm test` passed in 4.2 s',
    });
    expect(verifyView({ ...task, lastVerify: passed, lastCommit: 'b'.repeat(40) }, 2)?.label).toBe('Verify stale');
    const failed = { ...passed, passed: false, outcome: 'failed' as const, exitCode: 1 };
    expect(verifyView({ ...task, lastVerify: failed }, 2)?.label).toBe('Failed verification');
    // A check someone stopped says nothing about the work: it reads as stopped, not failed.
    const stopped = { ...passed, passed: false, outcome: 'stopped' as const, exitCode: null };
    expect(verifyView({ ...task, lastVerify: stopped }, 2)).toMatchObject({ state: 'failed', label: 'Checks stopped' });
  });

  it('say "Retry 1 of 2" while the agent works on a failure the checks sent back, and "Verifying" while they run', () => {
    const task = sampleTask({ status: 'running', verifyRetry: 1, lastVerify: { ...passed, passed: false } });
    expect(verifyView(task, 2)?.label).toBe('Retry 1 of 2');
    expect(verifyView({ ...task, verifying: true }, 2)?.label).toBe('Verifying');
    expect(verifyView({ ...task, status: 'done', verifyRetry: 1, lastVerify: passed }, 2)?.label).toBe('Verified');
  });

  it('count retries from the task’s own setting before its repository’s', () => {
    expect(retriesFor({ verifyRetries: 5 }, 2)).toBe(5);
    expect(retriesFor({ verifyRetries: null }, 3)).toBe(3);
    expect(retriesFor({ verifyRetries: null }, undefined)).toBe(2);
    expect(taskFields(sampleTask({ status: 'running', verifyRetry: 1 }), 3)?.verifyLabel).toBe('Retry 1 of 3');
  });
});
