import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiffFile, TaskDiff } from '../../shared/diff.js';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import type { TempRepo } from '../../testing/engine/temp-repo.js';
import { computeTaskDiff } from './diff.js';

const temps: string[] = [];
afterEach(() => {
  for (const path of temps.splice(0)) removeTemp(path);
});

interface Task {
  repo: TempRepo;
  worktree: string;
  baseCommit: string;
  /** Runs git in the worktree. */
  git(args: string[]): string;
  write(files: Record<string, string>): void;
}

function createTask(files: Record<string, string>): Task {
  const parent = makeTempDir();
  temps.push(parent);
  const repo = createTempRepo(files, parent);
  const worktree = join(parent, 'task');
  repo.git(['worktree', 'add', '-q', '-b', 'flotilla/x', worktree, 'main']);
  return {
    repo,
    worktree,
    baseCommit: repo.git(['rev-parse', 'main']),
    git: (args) => repo.git(args, worktree),
    write: (entries) => repo.write(entries, worktree),
  };
}

function fileAt(diff: TaskDiff, path: string): DiffFile {
  const file = diff.files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`${path} is not in the diff: ${diff.files.map((candidate) => candidate.path).join(', ')}`);
  return file;
}

const lines = (count: number, prefix = 'line') =>
  Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}\n`).join('');

describe('computeTaskDiff', () => {
  it('reports added, modified, deleted, renamed and binary files with counts and hunks', async () => {
    const task = createTask({
      'keep.txt': 'a\nb\nc\n',
      'gone.txt': 'bye\n',
      'old.txt': lines(10),
      'image.bin': 'PNG\0\x01\x02',
    });
    task.write({ 'keep.txt': 'a\nBB\nc\n', 'logo.bin': '\0\x03binary' });
    rmSync(join(task.worktree, 'gone.txt'));
    renameSync(join(task.worktree, 'old.txt'), join(task.worktree, 'new.txt'));
    writeFileSync(join(task.worktree, 'new.txt'), lines(10) + 'extra\n');
    writeFileSync(join(task.worktree, 'image.bin'), 'PNG\0\x09');

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });

    expect(diff.mergeBase).toBe(task.baseCommit);
    expect(diff.files.map((file) => [file.path, file.status]).sort()).toEqual([
      ['gone.txt', 'deleted'],
      ['image.bin', 'modified'],
      ['keep.txt', 'modified'],
      ['logo.bin', 'added'],
      ['new.txt', 'renamed'],
    ]);
    expect(fileAt(diff, 'keep.txt')).toMatchObject({
      additions: 1,
      deletions: 1,
      binary: false,
      oldPath: null,
      truncated: null,
    });
    expect(fileAt(diff, 'keep.txt').hunks).toEqual([
      {
        header: '@@ -1,3 +1,3 @@',
        oldStart: 1,
        oldLines: 3,
        newStart: 1,
        newLines: 3,
        lines: [' a', '-b', '+BB', ' c'],
      },
    ]);
    expect(fileAt(diff, 'gone.txt')).toMatchObject({ additions: 0, deletions: 1 });
    expect(fileAt(diff, 'gone.txt').hunks.flatMap((hunk) => hunk.lines)).toEqual(['-bye']);
    expect(fileAt(diff, 'new.txt')).toMatchObject({ oldPath: 'old.txt', additions: 1, deletions: 0 });
    expect(fileAt(diff, 'new.txt').hunks.flatMap((hunk) => hunk.lines.filter((line) => line.startsWith('+')))).toEqual([
      '+extra',
    ]);
    for (const path of ['image.bin', 'logo.bin'])
      expect(fileAt(diff, path)).toMatchObject({
        binary: true,
        additions: 0,
        deletions: 0,
        hunks: [],
        truncated: null,
      });
    expect([diff.additions, diff.deletions]).toEqual([2, 2]);
  });

  it('shows an edit that keeps the file size and falls in the same second as the checkout', async () => {
    // Git trusts an index entry whose size and whole-second times match the file; only its racy-entry check catches this edit.
    const sameSecond = (task: Task) => {
      const recorded = task.git(['ls-files', '--debug', 'keep.txt']);
      const seconds = (field: string) => Number(new RegExp(`${field}: (\\d+)`).exec(recorded)?.[1]);
      const stat = statSync(join(task.worktree, 'keep.txt'));
      return (
        seconds('ctime') === Math.floor(stat.ctimeMs / 1000) && seconds('mtime') === Math.floor(stat.mtimeMs / 1000)
      );
    };
    let task = createTask({ 'keep.txt': 'a\nb\nc\n' });
    task.write({ 'keep.txt': 'a\nB\nc\n' });
    for (let attempt = 0; attempt < 5 && !sameSecond(task); attempt += 1) {
      task = createTask({ 'keep.txt': 'a\nb\nc\n' });
      task.write({ 'keep.txt': 'a\nB\nc\n' });
    }
    expect(sameSecond(task)).toBe(true);
    // The snapshot is taken a second later, as it is when a user opens the diff.
    await new Promise((resolve) => setTimeout(resolve, 1050 - (Date.now() % 1000)));

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });

    expect(diff.files.map((file) => [file.path, file.additions, file.deletions])).toEqual([['keep.txt', 1, 1]]);
  });

  it('shows untracked files as added, staged-only changes, and commits on the task branch together with uncommitted work', async () => {
    const task = createTask({ 'staged.txt': 'one\n', 'committed.txt': 'first\n', '.gitignore': 'build/\n' });
    task.write({ 'committed.txt': 'second\n' });
    task.git(['commit', '-q', '-am', 'task work']);
    task.write({ 'staged.txt': 'two\n', 'untracked.txt': 'new\n', 'build/out.js': 'ignored\n' });
    task.git(['add', 'staged.txt']);

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });

    expect(diff.files.map((file) => file.path).sort()).toEqual(['committed.txt', 'staged.txt', 'untracked.txt']);
    expect(fileAt(diff, 'untracked.txt')).toMatchObject({ status: 'added', additions: 1, deletions: 0 });
    expect(fileAt(diff, 'staged.txt').hunks[0]?.lines).toEqual(['-one', '+two']);
    expect(fileAt(diff, 'committed.txt').hunks[0]?.lines).toEqual(['-first', '+second']);
  });

  it('leaves out commits that landed on the base after the task started', async () => {
    const task = createTask({ 'shared.txt': 'base\n' });
    task.write({ 'task.txt': 'task\n' });
    const moved = task.repo.commit({ 'main-only.txt': 'later\n', 'shared.txt': 'changed on main\n' }, 'main moves on');

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });

    expect(moved).not.toBe(task.baseCommit);
    expect(diff.mergeBase).toBe(task.baseCommit);
    expect(diff.files.map((file) => file.path)).toEqual(['task.txt']);
  });

  it('falls back to the recorded base commit when the base branch is gone, and says so when both are', async () => {
    const task = createTask({ 'a.txt': 'a\n' });
    task.repo.git(['branch', 'feature', 'main']);
    task.write({ 'a.txt': 'changed\n' });
    task.repo.git(['branch', '-D', 'feature']);

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'feature', baseCommit: task.baseCommit });
    expect(diff).toMatchObject({ baseRef: 'feature', mergeBase: task.baseCommit });
    expect(diff.files.map((file) => file.path)).toEqual(['a.txt']);

    await expect(
      computeTaskDiff({ worktree: task.worktree, baseRef: 'feature', baseCommit: 'f'.repeat(40) }),
    ).rejects.toMatchObject({ code: 'baseNotFound' });
  });

  it('cuts a file with 12,000 changed lines with a marker while keeping exact counts', async () => {
    const task = createTask({ 'big.txt': lines(12_000) });
    task.write({ 'big.txt': lines(12_000, 'changed'), 'small.txt': 'fine\n' });

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });

    const big = fileAt(diff, 'big.txt');
    expect(big).toMatchObject({ additions: 12_000, deletions: 12_000 });
    expect(big.hunks.reduce((sum, hunk) => sum + hunk.lines.length, 0)).toBe(5000);
    expect(big.truncated).toEqual({
      reason: "This file's diff has 24000 lines; showing the first 5000.",
      omittedLines: 19_000,
    });
    expect(fileAt(diff, 'small.txt')).toMatchObject({ truncated: null, hunks: [{ lines: ['+fine'] }] });
  });

  it('reports paths with spaces, non-ASCII and quote characters exactly', async () => {
    const task = createTask({ 'plain.txt': lines(5) });
    task.write({ 'dossier é/naïve file.txt': 'bonjour\n', 'say "hi".txt': 'quoted\n' });
    renameSync(join(task.worktree, 'plain.txt'), join(task.worktree, 'renommé à.txt'));

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });

    expect(fileAt(diff, 'dossier é/naïve file.txt')).toMatchObject({
      status: 'added',
      additions: 1,
      hunks: [{ lines: ['+bonjour'] }],
    });
    expect(fileAt(diff, 'say "hi".txt')).toMatchObject({ status: 'added', hunks: [{ lines: ['+quoted'] }] });
    expect(fileAt(diff, 'renommé à.txt')).toMatchObject({
      status: 'renamed',
      oldPath: 'plain.txt',
      additions: 0,
      deletions: 0,
      truncated: null,
    });
  });

  it("touches neither the user's checkout nor the worktree's index", async () => {
    const task = createTask({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    task.repo.write({ 'a.txt': 'user edit\n', 'scratch.txt': 'mine\n' });
    task.write({ 'b.txt': 'task edit\n', 'new.txt': 'new\n' });
    task.git(['add', 'b.txt']);
    const indexFile = join(task.git(['rev-parse', '--absolute-git-dir']), 'index');
    const before = {
      mainStatus: task.repo.git(['status', '--porcelain']),
      mainHead: task.repo.git(['rev-parse', 'HEAD']),
      taskStatus: task.git(['status', '--porcelain']),
      taskIndex: readFileSync(indexFile),
    };

    const diff = await computeTaskDiff({ worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit });

    expect(diff.files.map((file) => file.path).sort()).toEqual(['b.txt', 'new.txt']);
    expect(task.repo.git(['status', '--porcelain'])).toBe(before.mainStatus);
    expect(task.repo.git(['rev-parse', 'HEAD'])).toBe(before.mainHead);
    expect(task.git(['status', '--porcelain'])).toBe(before.taskStatus);
    expect(readFileSync(indexFile).equals(before.taskIndex)).toBe(true);
  });

  it('lists files past the size and total limits with exact counts and a marker instead of hunks', async () => {
    const task = createTask({ 'huge.txt': lines(200), 'moved.txt': lines(50) });
    task.write({ 'huge.txt': lines(201), 'a.txt': lines(30, 'a'), 'b.txt': lines(30, 'b'), 'c.txt': lines(30, 'c') });
    renameSync(join(task.worktree, 'moved.txt'), join(task.worktree, 'moved again.txt'));
    const request = { worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit };
    const full = await computeTaskDiff(request);

    const sized = await computeTaskDiff({ ...request, maxFileBytes: 1000 });
    expect(fileAt(sized, 'huge.txt')).toMatchObject({ additions: 1, deletions: 0, hunks: [] });
    expect(fileAt(sized, 'huge.txt').truncated?.reason).toMatch(/over the 1000 bytes limit/);
    // The other files are read in batches by path and come out exactly as in one whole-diff read.
    expect(sized.files.filter((file) => file.path !== 'huge.txt')).toEqual(
      full.files.filter((file) => file.path !== 'huge.txt'),
    );

    const budget = await computeTaskDiff({ ...request, maxTotalBytes: 500 });
    const left = budget.files.filter((file) => file.truncated !== null);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(budget.files.length);
    for (const file of left) {
      expect(file.hunks).toEqual([]);
      expect(file.truncated).toEqual({
        reason: expect.stringMatching(/diff is larger than/),
        omittedLines: file.additions + file.deletions,
      });
    }
    expect(budget.files.map((file) => [file.path, file.additions, file.deletions])).toEqual(
      full.files.map((file) => [file.path, file.additions, file.deletions]),
    );
  });

  it('keeps files over the size limit out of the hunks even when rename detection read them, and binaries stay binary', async () => {
    const task = createTask({ 'big-old.txt': lines(200), 'gone.txt': 'bye\n', 'small.txt': 'a\n' });
    renameSync(join(task.worktree, 'big-old.txt'), join(task.worktree, 'big-new.txt'));
    writeFileSync(join(task.worktree, 'big-new.txt'), lines(200) + 'extra\n');
    rmSync(join(task.worktree, 'gone.txt'));
    task.write({ 'added-big.txt': lines(300, 'added'), 'small.txt': 'b\n', 'blob.bin': '\0'.repeat(100) });

    const diff = await computeTaskDiff({
      worktree: task.worktree,
      baseRef: 'main',
      baseCommit: task.baseCommit,
      maxFileBytes: 1000,
    });

    expect(fileAt(diff, 'big-new.txt')).toMatchObject({
      status: 'renamed',
      oldPath: 'big-old.txt',
      additions: 1,
      deletions: 0,
      hunks: [],
    });
    expect(fileAt(diff, 'big-new.txt').truncated?.reason).toMatch(/over the 1000 bytes limit/);
    expect(fileAt(diff, 'added-big.txt')).toMatchObject({ status: 'added', additions: 300, hunks: [] });
    expect(fileAt(diff, 'added-big.txt').truncated?.reason).toMatch(/over the 1000 bytes limit/);
    expect(fileAt(diff, 'blob.bin')).toMatchObject({ status: 'added', binary: true, hunks: [], truncated: null });
    expect(fileAt(diff, 'gone.txt').hunks[0]?.lines).toEqual(['-bye']);
    expect(fileAt(diff, 'small.txt').hunks[0]?.lines).toEqual(['-a', '+b']);
  });

  it('reads the same files, counts and hunks in one git call as the careful path does', async () => {
    const task = createTask({
      'keep.txt': 'a\n\nb\nc\n',
      'nonl.txt': 'a\nb',
      link: 'text\n',
      'run.sh': 'echo\n',
      'old.txt': lines(10),
      'gone.txt': 'bye\n',
      'img.bin': 'PNG\0\x01',
    });
    task.write({
      'keep.txt': 'a\n\nB\nc\n',
      'nonl.txt': 'a\nc',
      'img.bin': 'PNG\0\x02',
      'empty.txt': '',
      'added.txt': lines(3),
    });
    rmSync(join(task.worktree, 'link'));
    symlinkSync('keep.txt', join(task.worktree, 'link'));
    chmodSync(join(task.worktree, 'run.sh'), 0o755);
    renameSync(join(task.worktree, 'old.txt'), join(task.worktree, 'moved.txt'));
    writeFileSync(join(task.worktree, 'moved.txt'), lines(10) + 'extra\n');
    rmSync(join(task.worktree, 'gone.txt'));
    const request = { worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit };

    const whole = await computeTaskDiff(request);
    // A binary file over the size limit sends the engine down the careful path: list, check sizes, then read.
    task.write({ 'zz-force.bin': '\0' + 'x'.repeat(3000) });
    const careful = await computeTaskDiff({ ...request, maxFileBytes: 2000 });

    expect(careful.files.filter((file) => file.path !== 'zz-force.bin')).toEqual(whole.files);
    expect(
      whole.files.map((file) => [file.path, file.status, file.additions, file.deletions, file.binary]).sort(),
    ).toEqual([
      ['added.txt', 'added', 3, 0, false],
      ['empty.txt', 'added', 0, 0, false],
      ['gone.txt', 'deleted', 0, 1, false],
      ['img.bin', 'modified', 0, 0, true],
      ['keep.txt', 'modified', 1, 1, false],
      ['link', 'typeChanged', 1, 1, false],
      ['moved.txt', 'renamed', 1, 0, false],
      ['nonl.txt', 'modified', 1, 1, false],
      ['run.sh', 'modified', 0, 0, false],
    ]);
  });
});

describe('computeTaskDiff with scratch objects', () => {
  /** The repository's object files (path and mtime), which a snapshot hashed into it would change. */
  const objectFiles = (task: Task) =>
    task.repo.git(['count-objects', '-v']) +
    '\n' +
    execFileSync('find', [join(task.repo.path, '.git', 'objects'), '-type', 'f', '-printf', '%p %T@\\n'], {
      encoding: 'utf8',
    })
      .split('\n')
      .sort()
      .join('\n');

  it('gives the same diff as hashing into the repository, on the one-call and the careful path, and leaves the repository and its objects as they were', async () => {
    const task = createTask({
      'keep.txt': 'a\nb\n',
      'same.txt': 'same\n',
      'old.txt': lines(10),
      'big.txt': lines(200),
    });
    task.write({
      'keep.txt': 'a\nB\n',
      'copy of same.txt': 'same\n',
      'big.txt': lines(201),
      'blob.bin': '\0'.repeat(3000),
    });
    renameSync(join(task.worktree, 'old.txt'), join(task.worktree, 'moved.txt'));
    const request = { worktree: task.worktree, baseRef: 'main', baseCommit: task.baseCommit };
    const before = objectFiles(task);

    const whole = await computeTaskDiff({ ...request, scratchObjects: true });
    const careful = await computeTaskDiff({ ...request, maxFileBytes: 1000, scratchObjects: true });
    const budget = await computeTaskDiff({ ...request, maxTotalBytes: 500, scratchObjects: true });
    expect(objectFiles(task)).toBe(before);

    expect(whole).toEqual(await computeTaskDiff(request));
    expect(careful).toEqual(await computeTaskDiff({ ...request, maxFileBytes: 1000 }));
    expect(budget).toEqual(await computeTaskDiff({ ...request, maxTotalBytes: 500 }));
    expect(fileAt(whole, 'keep.txt').hunks[0]?.lines).toEqual([' a', '-b', '+B']);
    expect(fileAt(careful, 'big.txt').truncated?.reason).toMatch(/over the 1000 bytes limit/);
    // Hashing into the repository does write (what the scratch folder spares it).
    expect(objectFiles(task)).not.toBe(before);
  });
});
