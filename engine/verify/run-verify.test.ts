import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';
import {
  printedThread,
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

describe('a verify run after a turn that changed files', () => {
  it('runs in the task worktree on the checkpointed tip and records a passing result', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'pwd; echo checking; test -f a.txt' });
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    expect(task.status).toBe('done');
    const tip = harness.repo.git(['rev-parse', task.branch]);
    const [started] = ofType(thread, 'verify.started');
    expect(started).toMatchObject({ command: 'pwd; echo checking; test -f a.txt', commit: tip, trigger: 'turn' });
    expect(started).toMatchObject({ retry: 0, retries: 2 });
    // The turn's work is checkpointed first, and the task is done only once the checks finished.
    const order = thread.map((event) => event.type);
    expect(order.indexOf('checkpoint')).toBeLessThan(order.indexOf('verify.started'));
    const doneAt = thread.findIndex((event) => event.type === 'status.changed' && event.status === 'done');
    expect(order.indexOf('verify.finished')).toBeLessThan(doneAt);
    const streamed = ofType(thread, 'verify.output')
      .map((event) => event.text)
      .join('');
    expect(streamed).toBe(`${task.worktreePath}\nchecking\n`);
    const [finished] = verifyResults(thread);
    expect(finished?.willRetry).toBe(false);
    expect(finished?.result).toMatchObject({
      passed: true,
      outcome: 'passed',
      exitCode: 0,
      command: 'pwd; echo checking; test -f a.txt',
      outputTail: `${task.worktreePath}\nchecking\n`,
      outputChars: streamed.length,
      commit: tip,
    });
    expect(finished?.result.durationMs).toBeGreaterThanOrEqual(0);
    expect(task.lastVerify).toEqual(finished?.result);
    expect(task.verifying).toBe(false);
  });

  it('shows as one verify item in the thread, and `flotilla` prints the command and the result', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'echo all good' });
    const { thread } = await runToRest(harness, 'write a.txt hello');
    const items = verifyItems(thread);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'verify',
      command: 'echo all good',
      trigger: 'turn',
      state: 'passed',
      output: 'all good\n',
      willRetry: false,
    });
    expect(items[0]?.result?.passed).toBe(true);
    const printed = printedThread(thread);
    expect(printed).toContain('verify: running `echo all good`');
    expect(printed).toContain('verify | all good');
    expect(printed).toMatch(/verify: `echo all good` passed in \d+\.\d s/);
  });

  it('streams output while the command runs: the task shows Verifying with the first lines before it ends', async () => {
    // The command waits for a file the test writes only after it saw the first line arrive.
    harness = await startVerifyHarness({
      verifyCommand: 'echo first; while [ ! -f go.flag ]; do sleep 0.05; done; echo second',
    });
    const created = await harness.createTask('write a.txt hello', { agent: 'scripted' });
    await harness.waitForEvent(created.id, (event) => event.type === 'verify.output' && event.text.includes('first'));
    const { task: running } = await harness.engine.call('task/get', { taskId: created.id });
    expect(running.status).toBe('running');
    expect(running.verifying).toBe(true);
    const midway = await harness.threadOf(created.id);
    expect(verifyResults(midway)).toEqual([]);
    expect(verifyItems(midway)[0]).toMatchObject({ state: 'running', output: 'first\n' });
    const { preview } = await harness.engine.call('task/mergePreview', { taskId: created.id });
    expect(preview.checks?.state).toBe('running');
    writeFileSync(join(created.worktreePath, 'go.flag'), '');
    const task = await harness.waitFor(created.id, ['done']);
    expect(task.lastVerify?.outputTail).toBe('first\nsecond\n');
  });

  it('records a failure with its exit code and the end of stdout and stderr, and ends done, failed verification', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'echo "1 test failed"; echo "expected 2, got 3" >&2; exit 3' });
    const { task, thread } = await runToRest(harness, 'write a.txt hello', { verifyRetries: 0 });
    const [finished] = verifyResults(thread);
    expect(finished?.result).toMatchObject({ passed: false, outcome: 'failed', exitCode: 3 });
    expect(finished?.result.outputTail).toBe('1 test failed\nexpected 2, got 3\n');
    expect(task.status).toBe('done');
    const status = ofType(thread, 'status.changed').at(-1);
    expect(status?.message).toContain('Failed verification');
    expect(status?.message).toContain('exited 3');
    expect(verifyItems(thread)[0]?.state).toBe('failed');
    expect(printedThread(thread)).toMatch(/verify: `.*` exited 3 after \d+\.\d s/);
  });
});

describe('files the checks leave in the worktree', () => {
  it('are named in a warning that explains why a merge now calls the result stale; ignored ones are not', async () => {
    harness = await startVerifyHarness(
      { verifyCommand: 'mkdir -p build && date +%s%N > build/out.log && date > report.xml && touch debug.tmp' },
      { files: { 'README.md': '# test\n', '.gitignore': '*.tmp\n' } },
    );
    const { task, thread } = await runToRest(harness, 'write a.txt hello');
    expect(task.lastVerify?.passed).toBe(true);
    const warnings = ofType(thread, 'notice').filter((event) => event.level === 'warning');
    expect(warnings.map((event) => event.message)).toEqual([
      'The checks left files in the worktree that are not in the commit they checked: build/out.log, report.xml. The next checkpoint adds them to the task branch, and a merge until then needs the checks again. Add them to .gitignore, or make the verify command clean up after itself.',
    ]);
    const noticeAt = thread.indexOf(warnings[0]!);
    expect(thread.findIndex((event) => event.type === 'verify.finished')).toBeLessThan(noticeAt);
    const { preview } = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(preview.checks?.state).toBe('stale');
  });

  it('a check that leaves nothing behind gives no warning', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'echo fine' });
    const { thread } = await runToRest(harness, 'write a.txt hello');
    expect(ofType(thread, 'notice').filter((event) => event.level === 'warning')).toEqual([]);
  });
});

describe.runIf(sandbox !== null)(`verify in the agent's sandbox (${sandbox?.kind ?? 'none'})`, () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const connect = () =>
    `"${process.execPath}" -e "require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', (e) => { console.log(e.code); process.exit(7); })"`;

  it('may write the worktree but not the home folder, and sees no provider keys', async () => {
    const marker = join(homedir(), `flotilla-verify-${process.pid}-${Date.now()}`);
    const saved = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = 'sk-verify-secret';
    try {
      harness = await startVerifyHarness({
        verifyCommand: `touch made-by-verify.txt && echo "key=[$ANTHROPIC_API_KEY]"; touch "${marker}"`,
      });
      const { task, thread } = await runToRest(harness, 'write a.txt hello', { verifyRetries: 0 });
      const [finished] = verifyResults(thread);
      expect(finished?.result.outputTail).toContain('key=[]');
      expect(finished?.result.outputTail).toMatch(/Read-only file system/);
      expect(finished?.result.outcome).toBe('failed');
      expect(existsSync(marker)).toBe(false);
      expect(existsSync(join(task.worktreePath, 'made-by-verify.txt'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it("follows the task's network setting: cut off by default, reachable when the task allows it", async () => {
    harness = await startVerifyHarness({ verifyCommand: connect() });
    const before = connections;
    const blocked = await runToRest(harness, 'write a.txt hello', { verifyRetries: 0 });
    expect(blocked.task.lastVerify).toMatchObject({ passed: false, exitCode: 7 });
    expect(connections).toBe(before);
    const allowed = await runToRest(harness, 'write b.txt hello', { allowNetwork: true });
    expect(allowed.task.lastVerify).toMatchObject({ passed: true, exitCode: 0 });
    expect(connections).toBe(before + 1);
  });
});
