import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readHomeLock } from '../engine/host/home-lock.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { captureIo } from '../testing/cli/test-io.js';
import { launcherPath } from './background-engine.js';
import { runCli } from './main.js';

/** Every file and folder under `root` with its size and mtime, to prove a command wrote nothing there. */
function listing(root: string): string[] {
  const rows: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stats = statSync(path);
      rows.push(`${path.slice(root.length)} ${stats.size} ${stats.mtimeMs}`);
      if (stats.isDirectory()) walk(path);
    }
  };
  walk(root);
  return rows;
}

/** Every file under `root` with its content, next to `listing`'s sizes and times. */
function contents(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(root.length)] = readFileSync(path).toString('base64');
    }
  };
  walk(root);
  return files;
}

describe('read commands without an engine', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    temp = makeTempDir();
    home = join(temp, 'home');
    repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.pid === undefined || !isProcessAlive(child.pid)) continue;
      child.kill('SIGTERM');
      for (let waited = 0; waited < 100 && isProcessAlive(child.pid); waited++) await sleep(50);
    }
    removeTemp(temp);
  });

  /** `node cli/bin.mjs …` as a user runs it: a process of its own, with no engine running. */
  function flotilla(...argv: string[]) {
    const scratch = join(temp, 'tmp');
    mkdirSync(scratch, { recursive: true });
    const result = spawnSync(process.execPath, [launcherPath, ...argv], {
      env: { ...process.env, FLOTILLA_HOME: home, TMPDIR: scratch },
      cwd: temp,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('list, show and diff leave a deleted worktree, the branches and FLOTILLA_HOME as they are; serve then repairs it and says so', async () => {
    const io = captureIo(home, { cwd: temp });
    expect(await runCli(['run', '--repo', repo.path, '--wait', 'write notes.txt kept on the branch'], io)).toBe(0);
    const taskId = /Task (\w+) on branch/.exec(io.err())?.[1];
    expect(taskId).toBeDefined();
    const worktree = repo
      .git(['worktree', 'list', '--porcelain'])
      .split('\n')
      .find((line) => line.startsWith('worktree ') && line.includes(taskId!))
      ?.slice('worktree '.length);
    expect(worktree && existsSync(worktree)).toBe(true);
    rmSync(worktree!, { recursive: true, force: true });

    const worktrees = repo.git(['worktree', 'list', '--porcelain']);
    const branches = repo.git(['branch', '--list', '--format=%(refname) %(objectname)']);
    const files = listing(home);

    const listed = flotilla('list');
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`${taskId}\\s+done`));
    const shown = flotilla('show', taskId!);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`Worktree  ${worktree}`);
    expect(shown.out).toContain('tool write_file');
    const diffed = flotilla('diff', taskId!);
    expect(diffed.code).toBe(0);
    expect(diffed.out).toContain('+kept on the branch');
    expect(diffed.err).toContain(`Task ${taskId}'s worktree ${worktree} is missing (deleted outside Flotilla)`);
    expect(flotilla('repo', 'list').code).toBe(0);

    expect(repo.git(['worktree', 'list', '--porcelain'])).toBe(worktrees);
    expect(repo.git(['branch', '--list', '--format=%(refname) %(objectname)'])).toBe(branches);
    expect(existsSync(worktree!)).toBe(false);
    expect(listing(home)).toEqual(files);

    // A one-shot engine (a write command with no engine running) repairs nothing either.
    expect(flotilla('rename', taskId!, 'Notes on the branch').code).toBe(0);
    expect(repo.git(['worktree', 'list', '--porcelain'])).toBe(worktrees);
    expect(existsSync(worktree!)).toBe(false);

    const serve = spawn(process.execPath, [launcherPath, 'serve'], {
      env: { ...process.env, FLOTILLA_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(serve);
    await expect
      .poll(async () => (await readHomeLock(home))?.endpoint ?? null, { timeout: 30_000, interval: 100 })
      .not.toBeNull();
    expect(existsSync(join(worktree!, 'notes.txt'))).toBe(true);
    const repaired = flotilla('show', taskId!);
    expect(repaired.out).toContain(`The worktree folder was deleted outside Flotilla. Recreated it from branch`);
  }, 120_000);

  it("diff, show and list of a task with uncommitted work write nothing into the repository, the worktree's index or FLOTILLA_HOME", async () => {
    const io = captureIo(home, { cwd: temp });
    expect(await runCli(['run', '--repo', repo.path, '--wait', 'write notes.txt kept on the branch'], io)).toBe(0);
    const taskId = /Task (\w+) on branch/.exec(io.err())?.[1];
    expect(taskId).toBeDefined();
    const worktree = repo
      .git(['worktree', 'list', '--porcelain'])
      .split('\n')
      .find((line) => line.startsWith('worktree ') && line.includes(taskId!))
      ?.slice('worktree '.length);
    expect(worktree && existsSync(worktree)).toBe(true);
    // Uncommitted work: an edit, a new file whose content the repository already holds (hashing it
    // into the repository would "freshen" that object), and a file touched but unchanged, whose
    // stale stat info makes a plain `git status` rewrite the worktree's index.
    writeFileSync(join(worktree!, 'README.md'), '# demo\nan uncommitted line\n');
    writeFileSync(join(worktree!, 'draft.txt'), '# demo\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(worktree!, 'notes.txt'), later, later);
    const gitDir = join(repo.path, '.git');
    const indexFile = join(repo.git(['rev-parse', '--absolute-git-dir'], worktree), 'index');
    const before = {
      objects: repo.git(['count-objects', '-v']),
      gitDir: listing(gitDir),
      gitFiles: contents(gitDir),
      worktree: listing(worktree!),
      index: { mtime: statSync(indexFile).mtimeMs, content: readFileSync(indexFile).toString('base64') },
      home: listing(home),
      homeFiles: contents(home),
    };

    const diffed = flotilla('diff', taskId!);
    expect(diffed.err).toBe('');
    expect(diffed.code).toBe(0);
    expect(diffed.out).toContain('+an uncommitted line');
    expect(diffed.out).toContain('draft.txt');
    expect(diffed.out).toContain('+kept on the branch');
    const shown = flotilla('show', taskId!);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`Worktree  ${worktree}`);
    const listed = flotilla('list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`${taskId}\\s+done`));

    expect(repo.git(['count-objects', '-v'])).toBe(before.objects);
    expect(listing(gitDir)).toEqual(before.gitDir);
    expect(contents(gitDir)).toEqual(before.gitFiles);
    expect(listing(worktree!)).toEqual(before.worktree);
    expect({ mtime: statSync(indexFile).mtimeMs, content: readFileSync(indexFile).toString('base64') }).toEqual(
      before.index,
    );
    expect(listing(home)).toEqual(before.home);
    expect(contents(home)).toEqual(before.homeFiles);
    // The throwaway object folder is gone too.
    expect(readdirSync(join(temp, 'tmp'))).toEqual([]);
  }, 120_000);
});
