import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEngine, type RemoteEngine } from '../engine/host/ws-client.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { startFlotilla, type FlotillaProcess } from '../testing/flotilla-process.js';
import { defaultEngineSettings, defaultRepoSettings } from '../shared/repo.js';
import type { Task } from '../shared/task.js';
import { launcherPath } from './background-engine.js';
import { WaitChanges } from './wait-changes.js';

describe('flotilla run --wait while another client changes the configuration', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;
  let engine: FlotillaProcess | null = null;
  let window: RemoteEngine | null = null;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    temp = makeTempDir();
    home = `${temp}/home`;
    repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
  });

  afterEach(async () => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await window?.close();
    await engine?.stop();
    window = null;
    engine = null;
    removeTemp(temp);
  });

  /** A `flotilla …` command run by a user in another terminal, to its end. */
  function flotilla(...argv: string[]) {
    const result = spawnSync(process.execPath, [launcherPath, ...argv], {
      env: { ...process.env, FLOTILLA_HOME: home },
      cwd: temp,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('tells the waiting user about a concurrency or setup-script change that touches the queued task, nothing else, and a refused repo removal leaves it waiting', async () => {
    engine = await startFlotilla({ home });
    // The second client, as the window is: it changes settings over the engine's WebSocket.
    window = await connectEngine({ url: engine.origin, token: engine.token });
    const { repo: added } = await window.call('repo/add', { path: repo.path });
    await window.call('settings/update', { concurrency: 1 });
    // Another task holds the only slot, waiting for an approval.
    const [blocker] = (await window.call('task/create', { repoId: added.id, prompt: 'ask true' })).tasks;
    await expect
      .poll(async () => (await window!.call('task/get', { taskId: blocker!.id })).task.status, { timeout: 30_000 })
      .toBe('awaitingApproval');

    const waiting = spawn(
      process.execPath,
      [launcherPath, 'run', '--repo', repo.path, '--wait', 'ask echo waited\nwrite waited.txt done'],
      { env: { ...process.env, FLOTILLA_HOME: home }, cwd: temp, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(waiting);
    let out = '';
    let err = '';
    waiting.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    waiting.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => waiting.once('exit', (code) => resolve(code)));
    await expect.poll(() => /Task (\w+) on branch/.exec(err)?.[1], { timeout: 30_000 }).toBeDefined();
    const taskId = /Task (\w+) on branch/.exec(err)![1]!;
    await expect.poll(() => out, { timeout: 10_000 }).toContain('you: write waited.txt done');
    expect((await window.call('task/get', { taskId })).task.status).toBe('queued');

    // The engine refuses to forget a repository while its tasks are queued or running, so the wait goes on.
    const removal = flotilla('repo', 'remove', added.id);
    expect(removal.code).not.toBe(0);
    expect(removal.err).toContain('task(s) of this repository are still running. Stop them first, then remove it.');
    expect(waiting.exitCode).toBeNull();

    // A default the task no longer reads: nothing to say.
    await window.call('settings/update', { defaultModel: 'openai:gpt-test' });
    // The setup script is read when the queued task's worktree is made.
    await window.call('repo/update', {
      repoId: added.id,
      settings: { setupScript: 'echo prepared by the new setup script' },
    });
    await expect
      .poll(() => out, { timeout: 10_000 })
      .toContain(
        "another client changed this repository's setup script; this task uses the new ones when its worktree is created",
      );
    await window.call('settings/update', { concurrency: 2 });
    await expect.poll(() => out, { timeout: 30_000 }).toContain('waiting for approval');
    expect(out).toContain('another client set concurrency to 2 (was 1), which let this task start');
    expect(out).toContain('prepared by the new setup script');
    // Running now, the task is past the queue: a new limit does not touch it.
    await window.call('settings/update', { concurrency: 3 });

    const approved = flotilla('approve', taskId);
    expect(approved.code).toBe(0);
    expect(await exited).toBe(0);
    expect(err).toContain(`Task ${taskId} done.`);
    expect(out.match(/another client/g)).toHaveLength(2);
    expect(out).not.toContain('concurrency to 3');
    expect(out).not.toContain('gpt-test');
    expect(out.indexOf('setup script;')).toBeLessThan(out.indexOf('status preparing'));
  }, 120_000);
});

describe('WaitChanges', () => {
  const repoSettings = { ...defaultRepoSettings };
  const task = { id: 't1', repoId: 'r1', status: 'queued', hasWorktree: false } as Task;
  const settings = (concurrency: number) =>
    ({ type: 'settings.changed', settings: { ...defaultEngineSettings, concurrency } }) as const;
  const repoUpdate = (id: string, changed: Partial<typeof repoSettings>) =>
    ({
      type: 'repo.updated',
      repo: { id, name: 'repo', path: '/repo', addedAt: '', settings: { ...repoSettings, ...changed } },
    }) as const;

  it('says when a new limit keeps a queued task waiting, and nothing for other settings, other repositories or a task past the queue', () => {
    const changes = new WaitChanges(task, { concurrency: 1, repoSettings });
    expect(changes.describe(settings(1))).toBeNull();
    expect(changes.describe(settings(3))).toBe(
      'another client set concurrency to 3 (was 1); this task stays queued until fewer than 3 tasks run\n',
    );
    expect(changes.describe(repoUpdate('r2', { setupScript: 'make' }))).toBeNull();
    expect(changes.describe(repoUpdate('r1', { includePatterns: ['.env', 'secrets/*'] }))).toBe(
      "another client changed this repository's files copied into new worktrees; this task uses the new ones when its worktree is created\n",
    );
    expect(changes.describe({ type: 'pricing.changed', prices: {} })).toBeNull();
    // Another task ends and frees its slot: that, not the next change, let this one start.
    changes.otherStatus('done', 'running');
    changes.setStatus('preparing');
    changes.setStatus('running');
    expect(changes.describe(settings(4))).toBeNull();
    expect(changes.describe(settings(5))).toBeNull();
    expect(changes.describe(repoUpdate('r1', { setupScript: 'make' }))).toBeNull();
  });
});
