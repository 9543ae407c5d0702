import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';
import { waitForNoProcess } from '../../testing/agents/tool-test-support.js';
import {
  failure,
  retryMessages,
  runToRest,
  settled,
  startVerifyHarness,
  verifyResults,
} from '../../testing/engine/verify-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('what ends a round of retries early', () => {
  it('a budget reached during a retry turn stops further retries and says how to go on', async () => {
    // Each check prints a step that makes the scripted agent spend another cent on its retry turn.
    harness = await startVerifyHarness({ verifyCommand: 'echo "spend 10 0.01"; exit 1' });
    const { task, thread } = await runToRest(harness, 'write a.txt hello\nspend 10 0.01', { costBudgetUsd: 0.02 });
    expect(task.status).toBe('done');
    expect(task.usage.costUsd).toBeCloseTo(0.02);
    expect(verifyResults(thread).map((event) => [event.retry, event.willRetry])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(retryMessages(thread)).toHaveLength(1);
    const status = ofType(thread, 'status.changed').at(-1)?.message ?? '';
    expect(status).toContain('Failed verification: `echo "spend 10 0.01"; exit 1` exited 1');
    expect(status).toContain('no retry, the task is at the cost budget ($0.02 of $0.02 spent)');
    expect(status).toContain('Raise the budget');
  });

  it('a message the person sends while the checks run goes next instead of a retry', async () => {
    harness = await startVerifyHarness({
      verifyCommand: 'while [ ! -f go.flag ]; do sleep 0.05; done; test -f fixed.txt',
    });
    const created = await harness.createTask('write a.txt hello', { agent: 'scripted' });
    await harness.waitForEvent(created.id, (event) => event.type === 'verify.started');
    await harness.engine.call('task/send', { taskId: created.id, text: 'write fixed.txt by hand' });
    writeFileSync(join(created.worktreePath, 'go.flag'), '');
    await harness.waitForEvent(created.id, (event) => event.type === 'turn.started' && event.turn === 2);
    const task = await harness.waitFor(created.id, [...settled]);
    const thread = await harness.threadOf(task.id);
    expect(retryMessages(thread)).toEqual([]);
    expect(verifyResults(thread).map((event) => [event.result.passed, event.willRetry])).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(task.lastVerify?.passed).toBe(true);
  });
});

describe('stopping a task while its checks run', () => {
  it('kills the command, ends stopped with the check marked stopped, and keeps the agent’s work', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'echo started; sleep 876431' });
    const created = await harness.createTask('write a.txt kept work', { agent: 'scripted' });
    await harness.waitForEvent(created.id, (event) => event.type === 'verify.output');
    await harness.engine.call('task/stop', { taskId: created.id });
    const task = await harness.waitFor(created.id, ['stopped']);
    const thread = await harness.threadOf(task.id);
    const [finished] = verifyResults(thread);
    expect(finished?.result).toMatchObject({ passed: false, outcome: 'stopped', exitCode: null });
    expect(finished?.result.outputTail).toBe('started\n');
    expect(finished?.willRetry).toBe(false);
    expect(retryMessages(thread)).toEqual([]);
    expect(task.verifying).toBe(false);
    expect(ofType(thread, 'status.changed').at(-1)?.message).toMatch(
      /^Stopped while verifying: `echo started; sleep 876431` was stopped after \d+\.\d s\.$/,
    );
    expect(await waitForNoProcess((process) => process.commandLine.includes('876431'))).toEqual([]);
    // Nothing lost: the agent's change is checkpointed on the task branch, and the task takes messages again.
    expect(harness.repo.git(['show', `${task.branch}:a.txt`])).toBe('kept work');
    expect(readFileSync(join(task.worktreePath, 'a.txt'), 'utf8')).toBe('kept work');
    await harness.engine.call('repo/update', { repoId: harness.repoId, settings: { verifyCommand: 'test -f a.txt' } });
    // A merge now says the checks were stopped, not that they failed.
    const refused = await failure(harness.engine.call('task/merge', { taskId: task.id }));
    expect(refused.message).toContain('its last checks were stopped before they finished');
    const { result } = await harness.engine.call('task/verify', { taskId: task.id });
    expect(result.passed).toBe(true);
  });
});
