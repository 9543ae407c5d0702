import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLabel, verifyState } from '../../shared/verify.js';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';
import {
  fixedByRetry,
  printedThread,
  retryMessages,
  runToRest,
  settled,
  startVerifyHarness,
  verifyItems,
  verifyResults,
} from '../../testing/engine/verify-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const lastStatus = (thread: Awaited<ReturnType<typeof runToRest>>['thread']) =>
  ofType(thread, 'status.changed').at(-1)?.message ?? null;

describe('recovery: a failed check goes back to the agent', () => {
  it('sends the command, exit code and output tail back, and a retry that fixes it ends verified', async () => {
    harness = await startVerifyHarness({ verifyCommand: fixedByRetry });
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    expect(task.status).toBe('done');
    const results = verifyResults(thread);
    expect(results.map((event) => [event.result.outcome, event.willRetry, event.retry, event.retries])).toEqual([
      ['failed', true, 0, 2],
      ['passed', false, 1, 2],
    ]);
    const [message] = retryMessages(thread);
    expect(retryMessages(thread)).toHaveLength(1);
    expect(message).toContain(`\`${fixedByRetry}\` exited 1`);
    expect(message).toContain('retry 1 of 2');
    expect(message).toContain('```\nwrite fixed.txt ok\n```');
    // The agent went on in the same task: a second turn, whose work is on the branch.
    expect(ofType(thread, 'turn.started').map((event) => event.turn)).toEqual([1, 2]);
    expect(readFileSync(join(task.worktreePath, 'fixed.txt'), 'utf8')).toBe('ok');
    expect(harness.repo.git(['show', `${task.branch}:fixed.txt`])).toBe('ok');
    expect(task.lastVerify?.passed).toBe(true);
    expect(task.lastVerify?.commit).toBe(harness.repo.git(['rev-parse', task.branch]));
    // What the sidebar, overview and `flotilla list` show.
    expect(verifyLabel(verifyState(task))).toBe('Verified');
    // Never done between the failed check and the retry.
    const statuses = ofType(thread, 'status.changed').map((event) => event.status);
    expect(statuses.filter((status) => status === 'done')).toHaveLength(1);
  });

  it('says "Verify failed, retry 1 of 2" in the thread, and marks the message as from verify', async () => {
    harness = await startVerifyHarness({ verifyCommand: fixedByRetry });
    const { thread } = await runToRest(harness, 'write a.txt hello');
    expect(printedThread(thread)).toContain('Verify failed, retry 1 of 2');
    expect(printedThread(thread)).toContain('verify: running `test -f fixed.txt');
    expect(verifyItems(thread).map((item) => [item.state, item.willRetry, item.retry])).toEqual([
      ['failed', true, 0],
      ['passed', false, 1],
    ]);
    expect(ofType(thread, 'user.message').map((event) => event.origin ?? 'user')).toEqual(['user', 'verify']);
  });

  it('retries twice by default, then ends done with "failed verification" and what failed', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'echo still broken; exit 1' });
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    expect(task.status).toBe('done');
    expect(verifyResults(thread).map((event) => [event.retry, event.willRetry])).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
    expect(retryMessages(thread).map((text) => /retry (\d) of (\d)/.exec(text)?.slice(1))).toEqual([
      ['1', '2'],
      ['2', '2'],
    ]);
    expect(lastStatus(thread)).toBe('Failed verification: `echo still broken; exit 1` exited 1 after 2 retries.');
    expect(task.lastVerify).toMatchObject({ passed: false, exitCode: 1 });
    expect(verifyLabel(verifyState(task))).toBe('Failed verification');
    expect(printedThread(thread)).toContain('Verify failed, retry 2 of 2');
  });

  it("follows the repository's and the task's retry count (0: no retry at all)", async () => {
    harness = await startVerifyHarness({ verifyCommand: 'exit 1', verifyRetries: 1 });
    const repoCount = await runToRest(harness, 'write a.txt hello');
    expect(verifyResults(repoCount.thread)).toHaveLength(2);
    expect(lastStatus(repoCount.thread)).toBe('Failed verification: `exit 1` exited 1 after 1 retry.');
    const none = await runToRest(harness, 'write b.txt hello', { verifyRetries: 0 });
    expect(verifyResults(none.thread)).toHaveLength(1);
    expect(retryMessages(none.thread)).toEqual([]);
    expect(lastStatus(none.thread)).toBe('Failed verification: `exit 1` exited 1.');
  });

  it('a message from the person starts a new round with its own retries', async () => {
    harness = await startVerifyHarness({ verifyCommand: fixedByRetry, verifyRetries: 0 });
    const first = await runToRest(harness, 'write a.txt hello');
    expect(first.task.lastVerify?.passed).toBe(false);
    await harness.engine.call('task/send', { taskId: first.task.id, text: 'write fixed.txt by hand' });
    await harness.waitForEvent(first.task.id, (event) => event.type === 'turn.started' && event.turn === 2);
    const task = await harness.waitFor(first.task.id, [...settled]);
    expect(task.lastVerify?.passed).toBe(true);
    const thread = await harness.threadOf(task.id);
    expect(verifyResults(thread).map((event) => [event.retry, event.result.passed])).toEqual([
      [0, false],
      [0, true],
    ]);
  });

  it('does not verify a turn that changed nothing', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'exit 1' });
    const { task, thread } = await runToRest(harness, 'say nothing to change here');
    expect(task.status).toBe('done');
    expect(thread.filter((event) => event.type.startsWith('verify.'))).toEqual([]);
    expect(task.lastVerify).toBeNull();
  });

  it('does not verify a turn that failed; the task shows the failure', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'exit 1' });
    const { task, thread } = await runToRest(harness, 'write a.txt hello\nfail the model went away');
    expect(task.status).toBe('failed');
    expect(task.lastError).toContain('the model went away');
    expect(verifyResults(thread)).toEqual([]);
  });
});
