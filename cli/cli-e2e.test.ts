import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { homePaths } from '../engine/home.js';
import { isProcessAlive, readHomeLock } from '../engine/host/home-lock.js';
import { connectEngine } from '../engine/host/ws-client.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { launcherPath } from './background-engine.js';
import { runCli } from './main.js';
import { captureIo } from '../testing/cli/test-io.js';

async function waitUntilDead(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(50);
  }
  return false;
}

describe('flotilla CLI end to end', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;
  const children: ChildProcess[] = [];
  const pids: number[] = [];

  beforeEach(() => {
    temp = makeTempDir();
    home = `${temp}/home`;
    repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
  });

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.pid !== undefined) pids.push(child.pid);
    // Whatever engine still holds the home (a background one if a test failed early) goes too.
    const holder = await readHomeLock(home);
    if (holder && holder.pid !== process.pid) pids.push(holder.pid);
    for (const pid of pids.splice(0)) {
      if (!isProcessAlive(pid)) continue;
      process.kill(pid, 'SIGTERM');
      if (!(await waitUntilDead(pid))) process.kill(pid, 'SIGKILL');
    }
    removeTemp(temp);
  });

  async function cli(...argv: string[]) {
    const io = captureIo(home, { cwd: temp });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('adds a repo, runs a task to completion, lists, diffs and merges it', async () => {
    const added = await cli('repo', 'add', 'repo');
    expect(added.code).toBe(0);
    expect(added.out).toContain(`Added repo`);

    const ran = await cli(
      'run',
      '--repo',
      repo.path,
      '--wait',
      'say all set now\nwrite notes/feature.txt hello from the agent',
    );
    expect(ran.err).not.toContain('error:');
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/phase addWorktree finished in \d+/);
    expect(ran.out).toContain('agent: all set now\n');
    expect(ran.out).toContain('tool write_file');
    expect(ran.out).toMatch(/status done\n/);
    const taskId = /Task (\w+) on branch/.exec(ran.err)?.[1];
    expect(taskId).toBeDefined();

    const listed = await cli('list');
    expect(listed.out).toMatch(
      new RegExp(`${taskId}\\s+done\\s+-\\s+flotilla/\\S+\\s+\\+1 -0 \\(1 file\\)\\s+-\\s+\\$0\\s+say all set now`),
    );
    expect(ran.out).toContain('(1 file changed: 1 line added, 0 removed)');

    const diffed = await cli('diff', taskId!.slice(0, 4));
    expect(diffed.code).toBe(0);
    expect(diffed.out).toContain(' notes/feature.txt | 1 +');
    expect(diffed.out).toContain('1 file changed, 1 insertion(+)');
    expect(diffed.out).toContain('+hello from the agent');

    const noRemote = await cli('push', taskId!);
    expect(noRemote.code).toBe(1);
    expect(noRemote.err).toContain('has no remote to push to. Add one (git remote add origin <url>)');
    const bare = `${temp}/origin.git`;
    repo.git(['init', '-q', '--bare', bare], temp);
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/demo.git']);
    repo.git(['remote', 'set-url', '--push', 'origin', bare]);
    const pushed = await cli('push', taskId!);
    expect(pushed.code).toBe(0);
    expect(pushed.out).toMatch(
      /^Pushed flotilla\/\S+ to origin at [0-9a-f]{10}\.\nOpen a pull request: https:\/\/github\.com\/acme\/demo\/compare\/main\.\.\.flotilla\/\S+\?expand=1\n$/,
    );
    const pushedBranch = /^Pushed (\S+) to/.exec(pushed.out)?.[1] ?? '';
    expect(repo.git(['--git-dir', bare, 'rev-parse', pushedBranch], temp)).toBe(repo.git(['rev-parse', pushedBranch]));

    const merged = await cli('merge', taskId!.slice(0, 4));
    expect(merged.code).toBe(0);
    expect(merged.out).toContain(`Merged task ${taskId} into main`);
    expect(merged.out).toMatch(/\nRemoved its worktree \S+; the branch flotilla\/\S+ keeps the work/);
    expect(merged.out).toContain('\nCommit: Say all set now\n');
    expect(repo.git(['log', '-1', '--format=%s', 'main'])).toBe('Say all set now');
    expect(repo.git(['show', 'main:notes/feature.txt'])).toBe('hello from the agent');
    expect((await cli('list', '--status', 'merged')).out).toContain(taskId);

    // No engine is running now: a follow-up starts one in the background, which brings the
    // worktree back from the branch and runs the turn after this CLI has exited.
    expect(await readHomeLock(home)).toBeNull();
    const sent = await cli('send', taskId!, 'write notes/more.txt after the merge');
    expect(sent.out).toBe(`Sent to task ${taskId} (queued). Follow with \`flotilla show ${taskId}\`.\n`);
    const lock = await readHomeLock(home);
    expect(lock?.pid).not.toBe(process.pid);
    pids.push(lock!.pid);
    await expect
      .poll(async () => (await cli('show', taskId!)).out, { timeout: 30_000, interval: 200 })
      .toMatch(/Status\s+done/);
    const shown = (await cli('show', taskId!)).out;
    expect(shown).toContain('turn 2 ended: completed');
    const worktree = /Worktree\s+(\S+)/.exec(shown)?.[1] ?? '';
    expect(existsSync(join(worktree, 'notes/more.txt'))).toBe(true);
  });

  it('lists and shows a done task that changed nothing as "no changes"', async () => {
    const ran = await cli('run', '--repo', repo.path, '--wait', 'say Nothing needs changing.');
    expect(ran.code).toBe(0);
    const id = /^Task ([a-z0-9]+) on branch/m.exec(ran.err)?.[1] ?? '';
    const row = (await cli('list')).out.split('\n').find((line) => line.startsWith(id)) ?? '';
    expect(row).toMatch(/done \(no changes\)\s+-\s+\S+\s+none\s/);
    const shown = (await cli('show', id)).out;
    expect(shown).toMatch(/Status\s+done \(no changes\): nothing to review or merge\n/);
    expect(shown).toMatch(/Changes\s+none against the base\n/);
  });

  it("refuses to merge before anything moves when the user's checkout has uncommitted edits the merge would overwrite", async () => {
    await cli('repo', 'add', 'repo');
    const ran = await cli('run', '--repo', repo.path, '--wait', 'write README.md # demo, by the agent\\n');
    const id = /Task (\w+) on branch/.exec(ran.err)?.[1] ?? '';
    const main = repo.git(['rev-parse', 'main']);
    writeFileSync(join(repo.path, 'README.md'), '# demo, my unsaved edit\n');
    const refused = await cli('merge', id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `error: Your checkout of main at ${repo.path} has uncommitted changes this merge would overwrite:\n  README.md\n`,
    );
    expect(refused.err).toContain('Commit or stash them there');
    expect(repo.git(['rev-parse', 'main'])).toBe(main);
    expect(repo.git(['status', '--porcelain'])).toBe('M README.md');
  });

  it("splits a group's budget across its attempts, stops the whole group when it is reached, refuses a follow-up past the attempt's share and goes on once that is raised", async () => {
    const ran = await cli(
      'run',
      '--repo',
      repo.path,
      '--attempts',
      '2',
      '--usd',
      '$1',
      '--tokens',
      '1_000_000',
      '--approval',
      'ask',
      '--wait',
      'spend 10 1.5\nwrite never.txt x',
    );
    expect(ran.err).toMatch(/Also started [a-z0-9]+ \(same prompt\)/);
    const groupStop =
      "The group's budget of $1 was reached ($1.50 spent by attempts, judge and synthesis): every task of the group was stopped";
    // The followed attempt was stopped with the group (whichever attempt spent first reached the group's budget).
    expect(ran.code).toBe(1);
    expect(ran.out).toContain(`group stopped: ${groupStop}`);
    expect(ran.err).toMatch(new RegExp(`Task [a-z0-9]+ stopped\\. ${groupStop.replace(/[$().]/g, '\\$&')}`));
    const rows = (await cli('list')).out.trim().split('\n');
    expect(rows).toHaveLength(3);
    // Both attempts stopped, the one that had not spent yet too (however far it had got).
    expect(rows.filter((row) => /^\w+\s+stopped\s/.test(row))).toHaveLength(2);
    const spender = rows.find((row) => row.includes('$1.50'))?.split(' ')[0] ?? '';
    expect(spender).toMatch(/^[a-z0-9]+$/);
    const shown = await cli('show', spender);
    // Each attempt has its share of the group's $1.
    expect(shown.out).toMatch(/Budget\s+\$0\.50 and 1,000,000 tokens \(\$1\.50 and 1\.?\d*,?\d* tokens used\)/);
    expect(shown.out).toContain(`group stopped: ${groupStop}`);
    const refused = await cli('send', spender, 'write later.txt y');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `This task has reached the cost budget ($1.50 of $0.50 spent). Raise or remove its budget`,
    );
    const raised = await cli('budget', spender, '--usd', 'none');
    expect(raised.out).toMatch(
      new RegExp(`^Budget of task ${spender}: 1,000,000 tokens \\(\\$1\\.50 and [\\d,]+ tokens used\\)\\.`),
    );
    const sent = await cli('send', spender, 'write later.txt y');
    expect(sent.code).toBe(0);
    pids.push((await readHomeLock(home))!.pid);
    // The group stopped once; the follow-up the user chose to send runs to the end.
    await expect
      .poll(async () => (await cli('show', spender)).out, { timeout: 30_000, interval: 200 })
      .toContain('turn 2 ended: completed');
    expect((await cli('diff', spender)).out).toContain('+y');
    // The other attempt did not start again by itself in the background engine.
    const other = rows.map((row) => row.split(' ')[0]).find((id) => id !== 'ID' && id !== spender) ?? '';
    expect((await cli('list')).out).toMatch(new RegExp(`${other}\\s+stopped\\s`));
  });

  it('says in list and show that another attempt of the prompt was merged, and how to discard the leftover', async () => {
    const ran = await cli('run', '--repo', repo.path, '--attempts', '2', '--wait', 'write a.txt x');
    const id = /^Task ([a-z0-9]+) on branch/m.exec(ran.err)?.[1] ?? '';
    const other = /Also started ([a-z0-9]+) \(same prompt\)/.exec(ran.err)?.[1] ?? '';
    expect(other).toMatch(/^[a-z0-9]+$/);
    await expect
      .poll(async () => (await cli('list', '--status', 'done')).out, { timeout: 30_000, interval: 200 })
      .toContain(other);
    expect((await cli('merge', id)).code).toBe(0);
    expect((await cli('list')).out).toMatch(new RegExp(`${other}\\s+done \\(other attempt merged\\)`));
    const shown = (await cli('show', other)).out;
    expect(shown).toMatch(
      new RegExp(
        `Another attempt \\(${id}\\) was merged into main as [0-9a-f]{10}; this one was not\\. \`flotilla discard ${other}\` archives it \\(restorable\\)\\.`,
      ),
    );
    expect(shown).toContain(`another attempt (${id}) was merged into main as`);
  });

  it('brings a moved base into a task (bring-in-base, then its alias sync): conflicts by hand, then merge refuses until they are resolved', async () => {
    const ran = await cli('run', '--repo', repo.path, '--wait', 'write README.md task readme');
    const id = /^Task ([a-z0-9]+) on branch/m.exec(ran.err)?.[1] ?? '';
    expect(ran.code).toBe(0);
    writeFileSync(join(repo.path, 'README.md'), '# main readme\n');
    repo.git(['commit', '-qam', 'main moves']);
    const behind = await cli('diff', id);
    expect(behind.err).toBe(
      `main has 1 new commit this task does not have yet; \`flotilla bring-in-base ${id}\` brings them in.\n`,
    );
    expect(behind.out).toContain('+task readme');
    const synced = await cli('bring-in-base', id, '--by-hand');
    expect(synced.code).toBe(0);
    expect(synced.out).toContain(
      `Brought main into task ${id}. Conflict markers were left in:\n  README.md\nResolve them in `,
    );
    const refused = await cli('merge', id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('still has conflict markers');
    const show = await cli('show', id);
    expect(show.out).toContain('brought main (');
    expect(show.out).toMatch(/Changes\s+1 file changed: \d+ lines? added, \d+ removed/);
    const worktree = /Worktree\s+(\S+)/.exec(show.out)?.[1] ?? '';
    writeFileSync(join(worktree, 'README.md'), '# both\n');
    const merged = await cli('merge', id, '--keep-worktree');
    expect(merged.code).toBe(0);
    expect(merged.out).not.toContain('Removed its worktree');
    expect(repo.git(['show', 'main:README.md'])).toBe('# both');
    // The squash merge is a new commit on main; bringing it in is clean, and then there is nothing more.
    // The old name `sync` still works, as an alias for one release.
    expect((await cli('sync', id)).out).toContain(`Brought main into task ${id}; no conflicts.`);
    expect((await cli('sync', id)).out).toContain(`Task ${id} already has everything in main.`);
    // The worktree was kept at the merge; `clean` removes it now, and then has nothing left to do.
    const cleaned = await cli('clean');
    expect(cleaned.code).toBe(0);
    expect(cleaned.err).toContain(`[1/1] Removing the worktree of ${id}`);
    expect(cleaned.out).toBe('Removed 1 worktree of merged tasks; their branches keep the work.\n');
    expect(existsSync(worktree)).toBe(false);
    expect((await cli('clean')).out).toBe('No merged task has a worktree left; nothing to clean.\n');
  });

  it('passes several agents to the engine, which refuses them all if one cannot run', async () => {
    await cli('repo', 'add', repo.path);
    const refused = await cli('run', '--repo', repo.path, '--agent', 'scripted,builtin', '--wait', 'write a.txt x');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/error: .* cannot run yet: /);
    expect((await cli('list')).out).toContain('No tasks.');
  });

  it('exits 1 when the task fails and reports unknown tasks', async () => {
    const failed = await cli('run', '--repo', repo.path, '--wait', 'fail the build is broken');
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('status failed');
    const missing = await cli('show', 'zzzz');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('error: No task matches "zzzz". See `flotilla list`.\n');
    // Bad input to the commands that start a background engine leaves none running.
    const sent = await cli('send', 'zzzz', 'hello');
    expect(sent.code).toBe(1);
    expect(sent.err).toBe('error: No task matches "zzzz". See `flotilla list`.\n');
    const notARepo = await cli('run', '--repo', temp, 'write a.txt x');
    expect(notARepo.code).toBe(1);
    expect(notARepo.err).toContain('error:');
    expect(await readHomeLock(home)).toBeNull();
  });

  it('lets other commands join the engine a waiting `run` holds, and stop its task', async () => {
    const waiting = cli('run', '--repo', repo.path, '--wait', 'sleep 20000\nwrite never.txt too late');
    await expect.poll(async () => (await readHomeLock(home))?.endpoint ?? null, { timeout: 15_000 }).not.toBeNull();
    await expect
      .poll(async () => (await cli('list', '--status', 'running')).out, { timeout: 15_000 })
      .toMatch(/\w{8}\s+running/);
    const taskId = /(\w{8})\s+running/.exec((await cli('list')).out)![1]!;
    const stopped = await cli('stop', taskId);
    expect(stopped.code).toBe(0);
    const result = await waiting;
    expect(result.code).toBe(1);
    expect(result.out).toContain('status stopped');
    expect(await readHomeLock(home)).toBeNull();
  });

  it('talks to the running `flotilla serve` instead of opening a second engine', async () => {
    const serve = spawn(process.execPath, [launcherPath, 'serve'], {
      env: { ...process.env, FLOTILLA_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(serve);
    let output = '';
    serve.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    serve.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 30_000 }).toMatch(/serving at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
    const lock = await readHomeLock(home);
    expect(lock?.pid).toBe(serve.pid);
    expect(output).toContain(`${lock!.endpoint!.url}/?token=${lock!.endpoint!.token}`);

    const second = await cli('serve');
    expect(second.code).toBe(1);
    expect(second.err).toContain(`A Flotilla engine (pid ${serve.pid}) is already running`);

    expect((await cli('repo', 'add', repo.path)).code).toBe(0);
    const ran = await cli('run', '--repo', repo.path, '--wait', 'write served.txt via the server');
    expect(ran.code).toBe(0);
    expect(output).toMatch(/task \w+ done/);

    const client = await connectEngine(lock!.endpoint!);
    try {
      expect((await client.call('engine/info', {})).pid).toBe(serve.pid);
      expect((await client.call('repo/list', {})).repos.map((entry) => entry.path)).toEqual([repo.path]);
      expect((await client.call('task/list', {})).tasks.map((task) => task.status)).toEqual(['done']);
    } finally {
      await client.close();
    }

    serve.kill('SIGTERM');
    expect(await waitUntilDead(serve.pid!)).toBe(true);
    expect(output).toContain('Flotilla engine stopped.');
    expect(existsSync(homePaths(home).lock)).toBe(false);
  });

  it('runs a task in a background engine that outlives the CLI', async () => {
    const started = await cli('run', '--repo', repo.path, 'sleep 300\nwrite later.txt written in the background');
    expect(started.err).not.toContain('error:');
    expect(started.code).toBe(0);
    const lock = await readHomeLock(home);
    expect(lock?.endpoint).not.toBeNull();
    pids.push(lock!.pid);
    expect(lock!.pid).not.toBe(process.pid);
    const taskId = started.out.trim();
    expect(taskId).toMatch(/^\w{8}$/);
    await expect
      .poll(async () => (await cli('list', '--status', 'done')).out, { timeout: 30_000, interval: 200 })
      .toContain(taskId);
    expect((await cli('diff', taskId)).out).toContain('+written in the background');
  });

  it('answers an agent that waits for approval with approve and deny', async () => {
    const started = await cli('run', '--repo', repo.path, 'ask npm run build\nask rm -rf dist\nwrite answered.txt yes');
    expect(started.code).toBe(0);
    const taskId = started.out.trim();
    const status = async () => (await cli('list')).out;
    await expect.poll(status, { timeout: 30_000 }).toMatch(new RegExp(`${taskId}\\s+awaitingApproval`));
    const approved = await cli('approve', taskId.slice(0, 5));
    expect(approved.code).toBe(0);
    expect(approved.out).toMatch(/^Approved ap-\w+ of task /);
    await expect
      .poll(async () => (await cli('show', taskId)).out, { timeout: 30_000 })
      .toMatch(/waiting for approval ap-\w+: rm -rf dist/);
    expect((await cli('deny', taskId)).code).toBe(0);
    await expect.poll(status, { timeout: 30_000 }).toMatch(new RegExp(`${taskId}\\s+done`));
    const shown = (await cli('show', taskId)).out;
    expect(shown).toContain('Approved: npm run build');
    expect(shown).toContain('Denied: rm -rf dist');
    const none = await cli('approve', taskId);
    expect(none.code).toBe(1);
    expect(none.err).toContain('is not waiting for an approval');
  });
});
