import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import { createEngine, type Engine } from '../engine.js';
import { startHarness } from '../../testing/engine/engine-harness.js';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { ofType } from '../../testing/engine/thread-events.js';
import { waitForNoProcess } from '../../testing/agents/tool-test-support.js';
import { usableSandbox, verifyItems, verifyResults } from '../../testing/engine/verify-kit.js';

const child = fileURLToPath(new URL('../../testing/engine/verify-engine-child.ts', import.meta.url));
const sandbox = await usableSandbox();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface ChildTask {
  taskId: string;
  worktreePath: string;
  branch: string;
}

/** Starts an engine in a child process and returns once the task's verify command has printed. */
async function startChild(home: string, repo: string, verifyCommand: string, prompt: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, home, repo, verifyCommand, prompt], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: proc.stdout! });
  const info = await new Promise<ChildTask>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as ChildTask));
    proc.once('exit', (code) => reject(new Error(`engine child exited with ${code}: ${stderr}`)));
  });
  return { process: proc, info };
}

async function killHard(proc: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
}

async function reopen(home: string): Promise<Engine> {
  const engine = await createEngine({ home });
  cleanups.push(() => engine.close());
  return engine;
}

const eventsOf = async (engine: Engine, taskId: string): Promise<ThreadEvent[]> =>
  (await engine.call('task/events', { taskId })).events;

describe('a verify run cut short by the engine', () => {
  it('killed mid-verify: start-up finishes the run as stopped, keeps its output, and the task can go on', async () => {
    const root = makeTempDir();
    cleanups.push(() => removeTemp(root));
    const repo = createTempRepo({ 'README.md': 'x\n' }, root);
    const home = join(root, 'home');
    const command = 'echo "checking 1 of 3"; sleep 876433';
    const { process: proc, info } = await startChild(home, repo.path, command, 'write a.txt done by the agent');
    await killHard(proc);
    // The sandbox dies with the engine that started it (bubblewrap's --die-with-parent); without one the command
    // outlives a killed engine, so the test ends it itself.
    const left = await waitForNoProcess((process) => process.commandLine.includes('876433'));
    if (sandbox !== null) expect(left).toEqual([]);
    for (const orphan of left) process.kill(orphan.pid, 'SIGKILL');

    const engine = await reopen(home);
    const { task } = await engine.call('task/get', { taskId: info.taskId });
    expect(task.verifying).toBe(false);
    expect(task.status).toBe('interrupted');
    expect(task.lastVerify).toMatchObject({ passed: false, outcome: 'stopped', exitCode: null, command });
    expect(task.lastVerify?.outputTail).toBe('checking 1 of 3\n\n[the engine stopped while this ran]\n');
    expect(task.lastVerify?.commit).toBe(repo.git(['rev-parse', info.branch]));
    const thread = await eventsOf(engine, info.taskId);
    expect(verifyItems(thread).map((item) => item.state)).toEqual(['failed']);
    // The turn had ended before the checks started: it is not ended a second time.
    expect(ofType(thread, 'turn.ended').map((event) => event.reason)).toEqual(['completed']);
    expect(ofType(thread, 'status.changed').at(-1)?.message).toContain('while verifying');
    // Nothing lost: the agent's work is on the branch, and the checks can run again.
    expect(repo.git(['show', `${info.branch}:a.txt`])).toBe('done by the agent');
    await engine.call('repo/update', { repoId: task.repoId, settings: { verifyCommand: 'test -f a.txt' } });
    const { result } = await engine.call('task/verify', { taskId: info.taskId });
    expect(result.passed).toBe(true);
    await engine.close();

    // A second start-up finds nothing left to finish.
    const again = await reopen(home);
    expect(verifyResults(await eventsOf(again, info.taskId)).map((event) => event.result.outcome)).toEqual([
      'stopped',
      'passed',
    ]);
  });

  it('closed mid-verify: the run ends stopped, the task interrupted, and the next start-up leaves it so', async () => {
    const harness = await startHarness();
    cleanups.push(() => removeTemp(harness.root));
    await harness.engine.call('repo/update', {
      repoId: harness.repoId,
      settings: { verifyCommand: 'echo checking; sleep 876434' },
    });
    const created = await harness.createTask('write a.txt hello', { agent: 'scripted' });
    await harness.waitForEvent(created.id, (event) => event.type === 'verify.output');
    await harness.engine.close();

    const engine = await reopen(harness.home);
    const { task } = await engine.call('task/get', { taskId: created.id });
    expect(task.status).toBe('interrupted');
    expect(task.verifying).toBe(false);
    const thread = await eventsOf(engine, created.id);
    expect(verifyResults(thread).map((event) => [event.result.outcome, event.willRetry])).toEqual([['stopped', false]]);
    expect(ofType(thread, 'status.changed').at(-1)?.message).toMatch(
      /^The engine stopped while verifying \(`echo checking; sleep 876434` was stopped after \d+\.\d s\)\. Send a message, or run the checks again\.$/,
    );
    expect(ofType(thread, 'turn.ended')).toHaveLength(1);
  });
});
