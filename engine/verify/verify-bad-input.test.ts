import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyTailChars } from '../../shared/verify.js';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';
import { waitForNoProcess } from '../../testing/agents/tool-test-support.js';
import { homePaths } from '../home.js';
import { threadLogPath } from '../store/task-index.js';
import { maxVerifyStreamed } from './output-stream.js';
import { retryOutputChars } from './verify-messages.js';
import {
  retryMessages,
  runToRest,
  startVerifyHarness,
  usableSandbox,
  verifyItems,
  verifyResults,
} from '../../testing/engine/verify-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const sandbox = await usableSandbox();
const lastStatus = (thread: Awaited<ReturnType<typeof runToRest>>['thread']) =>
  ofType(thread, 'status.changed').at(-1)?.message ?? '';

describe('verify commands that go wrong', () => {
  it('a command that does not exist fails with a clear message and is not sent back to the agent', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'flotilla-no-such-checker --all' });
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    expect(task.status).toBe('done');
    const results = verifyResults(thread);
    expect(results).toHaveLength(1);
    expect(results[0]?.result).toMatchObject({ passed: false, outcome: 'notFound', exitCode: 127 });
    expect(results[0]?.result.outputTail).toMatch(/flotilla-no-such-checker: (command )?not found/);
    expect(results[0]?.willRetry).toBe(false);
    expect(retryMessages(thread)).toEqual([]);
    expect(ofType(thread, 'turn.started')).toHaveLength(1);
    expect(lastStatus(thread)).toBe(
      "Failed verification: `flotilla-no-such-checker --all` was not found in the sandbox (exit 127). Install it in the repository (or the machine), or change the repository's verify command.",
    );
  });

  it('a command that hangs is killed at verifyTimeoutMs, recorded as timed out, and the agent is told so', async () => {
    harness = await startVerifyHarness({
      verifyCommand: 'echo waiting; sleep 876432',
      verifyTimeoutMs: 1_000,
      verifyRetries: 1,
    });
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    expect(task.status).toBe('done');
    const results = verifyResults(thread);
    expect(results.map((event) => [event.result.outcome, event.result.exitCode, event.willRetry])).toEqual([
      ['timedOut', null, true],
      ['timedOut', null, false],
    ]);
    expect(results[0]?.result.durationMs).toBeGreaterThanOrEqual(1_000);
    expect(results[0]?.result.outputTail).toContain('waiting');
    expect(retryMessages(thread)[0]).toContain('`echo waiting; sleep 876432` ran past its time limit (1 s)');
    expect(lastStatus(thread)).toMatch(/^Failed verification: `echo waiting; sleep 876432` ran past its time limit/);
    expect(lastStatus(thread)).toContain('after 1 retry');
    expect(await waitForNoProcess((process) => process.commandLine.includes('876432'))).toEqual([]);
  });

  it('a command that prints megabytes keeps the thread, the event log, the result and the retry message bounded', async () => {
    const printed = 6_000_000;
    harness = await startVerifyHarness({
      verifyCommand: `head -c ${printed - 11} /dev/zero | tr '\\0' 'x'; echo; echo "LAST LINE"; exit 1`,
      verifyRetries: 1,
    });
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    const [first] = verifyResults(thread);
    expect(first?.result.outputChars).toBe(printed);
    expect(first?.result.outputTail.length).toBe(verifyTailChars);
    expect(first?.result.outputTail.endsWith('\nLAST LINE\n')).toBe(true);
    // Live output stops after about 1 MB per run, saying so; the run's end is in the result.
    const streamedPerRun = ofType(thread, 'verify.output')
      .map((event) => event.text.length)
      .reduce((sum, length) => sum + length, 0);
    expect(streamedPerRun).toBeLessThan(2 * (maxVerifyStreamed + 200));
    expect(ofType(thread, 'verify.output').some((event) => event.text.includes('live output stops here'))).toBe(true);
    expect(ofType(thread, 'verify.output').length).toBeLessThan(2 * (maxVerifyStreamed / 4_096 + 50));
    const log = threadLogPath(homePaths(harness.home).threads, task.id);
    expect(statSync(log).size).toBeLessThan(3 * maxVerifyStreamed);
    // The retry message carries the end only, and says how much there was.
    const [message] = retryMessages(thread);
    expect(message).toContain(`(the last ${retryOutputChars} of ${printed} characters)`);
    expect(message).toContain('LAST LINE');
    expect(message!.length).toBeLessThan(retryOutputChars + 1_000);
    for (const item of verifyItems(thread)) expect(item.output.length).toBeLessThanOrEqual(64_000);
  });
});

describe.runIf(sandbox !== null)(`a verify command that reaches outside the worktree (${sandbox?.kind})`, () => {
  it('is refused by the sandbox: files outside the worktree survive', async () => {
    harness = await startVerifyHarness();
    // Outside the temp folder: the sandbox's /tmp is its own, so a file there would only be hidden, not protected.
    const precious = join(homedir(), `flotilla-verify-precious-${process.pid}-${Date.now()}.txt`);
    writeFileSync(precious, 'keep me\n');
    try {
      const command = `rm "${precious}"; gone=$?; rm -rf "${harness.repo.path}" ..; exit $gone`;
      await harness.engine.call('repo/update', { repoId: harness.repoId, settings: { verifyCommand: command } });
      const { task, thread } = await runToRest(harness, 'write a.txt hello', { verifyRetries: 0 });
      const [finished] = verifyResults(thread);
      expect(finished?.result.passed).toBe(false);
      expect(finished?.result.outputTail).toMatch(/Read-only file system/);
      expect(readFileSync(precious, 'utf8')).toBe('keep me\n');
      expect(readFileSync(join(harness.repo.path, 'README.md'), 'utf8')).toBe('# test\n');
      expect(existsSync(join(task.worktreePath, 'a.txt'))).toBe(true);
    } finally {
      rmSync(precious, { force: true });
    }
  });
});
