import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { homePaths } from '../home.js';
import { readEventLog } from '../store/event-log.js';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';

const child = fileURLToPath(new URL('../../testing/engine/engine-child.ts', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startChild(
  home: string,
  repo: string,
  prompt: string,
): Promise<{ process: ChildProcess; info: { taskId: string; worktreePath: string; branch: string } }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, home, repo, prompt], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: proc.stdout! });
  const info = await new Promise<{ taskId: string; worktreePath: string; branch: string }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
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

describe('crash recovery', () => {
  it('after SIGKILL mid-turn: the task is interrupted, keeps history and worktree, and resumes with a follow-up', async () => {
    const root = makeTempDir();
    cleanups.push(() => removeTemp(root));
    const repo = createTempRepo({ 'README.md': 'x\n' }, root);
    const home = join(root, 'home');
    const { process: proc, info } = await startChild(
      home,
      repo.path,
      'write partial.txt half done\nsleep 60000\nwrite never.txt x',
    );
    await killHard(proc);
    // The process died holding the lock and with its index possibly stale; tear the log's last line too.
    const logPath = join(homePaths(home).threads, `${info.taskId}.jsonl`);
    appendFileSync(logPath, '{"taskId":"torn","seq":');
    const beforeCrash = readEventLog(logPath).events;

    const engine = await reopen(home);
    const { task } = await engine.call('task/get', { taskId: info.taskId });
    expect(task.status).toBe('interrupted');
    // The agent's working time ends at the turn's last event before the crash, not at the restart.
    const turnStarted = beforeCrash.find((event) => event.type === 'turn.started')!;
    expect(task.workMs).toBe(Date.parse(beforeCrash.at(-1)!.at) - Date.parse(turnStarted.at));
    expect(task.turnStartedAt).toBeNull();
    expect(task.hasWorktree).toBe(true);
    expect(existsSync(join(info.worktreePath, 'partial.txt'))).toBe(true);
    // The loose work of the killed turn was checkpointed on the task branch.
    expect(repo.git(['show', `${info.branch}:partial.txt`])).toBe('half done');
    const { events } = await engine.call('task/events', { taskId: info.taskId });
    const types = events.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(['task.created', 'user.message']);
    expect(types).toEqual(expect.arrayContaining(['tool.started', 'tool.finished', 'checkpoint']));
    expect(events.find((event) => event.type === 'turn.ended')).toMatchObject({ reason: 'interrupted' });
    expect((await engine.call('engine/info', {})).notices.join('\n')).toMatch(/skipped 1 unreadable line/);

    await engine.call('task/send', { taskId: info.taskId, text: 'write resumed.txt yes' });
    for (
      let i = 0;
      i < 300 && (await engine.call('task/get', { taskId: info.taskId })).task.status !== 'done';
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const resumed = (await engine.call('task/get', { taskId: info.taskId })).task;
    expect(resumed.status).toBe('done');
    expect(resumed.turns).toBe(2);
    expect(readFileSync(join(info.worktreePath, 'resumed.txt'), 'utf8')).toBe('yes');
    // Sequence numbers stay strictly increasing across the crash.
    const seqs = (await engine.call('task/events', { taskId: info.taskId })).events.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('rebuilds a missing or corrupt task index from the thread logs', async () => {
    const root = makeTempDir();
    cleanups.push(() => removeTemp(root));
    const repo = createTempRepo({ 'README.md': 'x\n' }, root);
    const home = join(root, 'home');
    let engine = await createEngine({ home });
    const { repo: added } = await engine.call('repo/add', { path: repo.path });
    const { tasks } = await engine.call('task/create', { repoId: added.id, prompt: 'write a.txt a', attempts: 2 });
    for (let i = 0; i < 300 && (await engine.call('task/list', { status: ['done'] })).tasks.length < 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.close();
    for (const damage of ['missing', 'corrupt'] as const) {
      if (damage === 'missing') rmSync(homePaths(home).taskIndex);
      else writeFileSync(homePaths(home).taskIndex, '{"version":1,"entries":[{"task":');
      engine = await createEngine({ home });
      const listed = (await engine.call('task/list', {})).tasks;
      expect(listed.map((task) => task.id).sort()).toEqual(tasks.map((task) => task.id).sort());
      expect(listed.every((task) => task.status === 'done')).toBe(true);
      await engine.close();
    }
  });

  it('replays the logs behind an index from before working time was kept, so old tasks show the time their turns took', async () => {
    const root = makeTempDir();
    cleanups.push(() => removeTemp(root));
    const repo = createTempRepo({ 'README.md': 'x\n' }, root);
    const home = join(root, 'home');
    let engine = await createEngine({ home });
    const { repo: added } = await engine.call('repo/add', { path: repo.path });
    const { tasks } = await engine.call('task/create', { repoId: added.id, prompt: 'sleep 300\nwrite a.txt a' });
    const taskId = tasks[0]!.id;
    for (let i = 0; i < 300 && (await engine.call('task/get', { taskId })).task.status !== 'done'; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const worked = (await engine.call('task/get', { taskId })).task.workMs;
    expect(worked).toBeGreaterThanOrEqual(300);
    await engine.close();
    // The index as an older Flotilla wrote it: version 1, summaries without the working time.
    const index = JSON.parse(readFileSync(homePaths(home).taskIndex, 'utf8')) as {
      version: number;
      entries: { task: Record<string, unknown> }[];
    };
    index.version = 1;
    for (const entry of index.entries) {
      delete entry.task.workMs;
      delete entry.task.turnStartedAt;
    }
    writeFileSync(homePaths(home).taskIndex, JSON.stringify(index));
    engine = await createEngine({ home });
    cleanups.push(() => engine.close());
    expect((await engine.call('task/get', { taskId })).task.workMs).toBe(worked);
    // An upgrade is not a repair: no notice about rebuilt tasks.
    expect((await engine.call('engine/info', {})).notices.join('\n')).not.toMatch(/Rebuilt/);
  });
});

describe('queued work and short-lived engines', () => {
  it('an engine opened with resumeQueued false leaves queued tasks queued; the next long-lived engine runs them', async () => {
    const root = makeTempDir();
    cleanups.push(() => removeTemp(root));
    const home = join(root, 'home');
    const repo = createTempRepo({ 'README.md': '# q\n' }, root);
    let engine: Engine = await createEngine({ home });
    cleanups.push(() => engine.close());
    await engine.call('settings/update', { concurrency: 1 });
    const { repo: added } = await engine.call('repo/add', { path: repo.path });
    await engine.call('task/create', { repoId: added.id, prompt: 'sleep 5000', agent: 'scripted' });
    const { tasks } = await engine.call('task/create', {
      repoId: added.id,
      prompt: 'write waited.txt yes',
      agent: 'scripted',
    });
    const waiting = tasks[0]!.id;
    expect((await engine.call('task/get', { taskId: waiting })).task.status).toBe('queued');
    await engine.close();

    // A one-shot command's engine: the queued task stays queued and nothing is recorded for it.
    engine = await createEngine({ home, resumeQueued: false });
    const before = (await engine.call('task/events', { taskId: waiting })).events.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await engine.call('task/get', { taskId: waiting })).task.status).toBe('queued');
    expect((await engine.call('task/events', { taskId: waiting })).events).toHaveLength(before);
    await engine.close();

    engine = await createEngine({ home });
    for (let i = 0; i < 300 && (await engine.call('task/get', { taskId: waiting })).task.status !== 'done'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = (await engine.call('task/get', { taskId: waiting })).task;
    expect(done.status).toBe('done');
    expect(readFileSync(join(done.worktreePath, 'waited.txt'), 'utf8')).toBe('yes');
  });
});
