import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../../testing/engine/temp-repo.js';
import { mergeTask } from './merge.js';
import { previewMerge } from './merge-preview.js';

const temps: string[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) removeTemp(temp);
});

interface Fixture {
  parent: string;
  repo: TempRepo;
  worktree: string;
  /** Commits files on the task branch, as an agent would. */
  commitInTask(files: Record<string, string>, worktree?: string): string;
  read(path: string, cwd?: string): string;
}

/** A repo with the user's checkout on main and a task worktree on flotilla/t branched from main. */
function setup(files: Record<string, string> = { 'a.txt': 'a\n', 'README.md': '# readme\n' }): Fixture {
  const parent = makeTempDir();
  temps.push(parent);
  const repo = createTempRepo(files, parent);
  const worktree = join(parent, 'task');
  repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t', worktree, 'main']);
  return {
    parent,
    repo,
    worktree,
    commitInTask(changes, cwd = worktree) {
      repo.write(changes, cwd);
      repo.git(['add', '-A'], cwd);
      repo.git(['commit', '-q', '--no-verify', '-m', 'task work'], cwd);
      return repo.git(['rev-parse', 'HEAD'], cwd);
    },
    read: (path, cwd = repo.path) => readFileSync(join(cwd, path), 'utf8'),
  };
}

async function expectEngineError(promise: Promise<unknown>, code: string): Promise<EngineError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).code).toBe(code);
  return error as EngineError;
}

const parentsOf = (repo: TempRepo, commit: string) =>
  repo.git(['rev-list', '--parents', '-n', '1', commit]).split(' ').slice(1);

describe('mergeTask', () => {
  it('squashes the task (branch plus uncommitted work) into main as one commit and fast-forwards the user checkout', async () => {
    const { repo, worktree, commitInTask, read } = setup();
    const oldMain = repo.git(['rev-parse', 'main']);
    commitInTask({ 'a.txt': 'a from task\n' });
    repo.write({ 'new.txt': 'untracked task file\n' }, worktree);

    const result = await mergeTask({
      repoPath: repo.path,
      worktree,
      into: 'main',
      mode: 'squash',
      message: 'Add the task work',
    });

    expect(result).toEqual({ commit: repo.git(['rev-parse', 'main']), into: 'main' });
    expect(parentsOf(repo, 'main')).toEqual([oldMain]);
    expect(repo.git(['log', '-1', '--format=%s', 'main'])).toBe('Add the task work');
    expect(read('a.txt')).toBe('a from task\n');
    expect(read('new.txt')).toBe('untracked task file\n');
    expect(repo.git(['status', '--porcelain'])).toBe('');
    expect(repo.git(['symbolic-ref', 'HEAD'])).toBe('refs/heads/main');
  });

  it('records a merge commit with main and the task as parents in merge mode', async () => {
    const { repo, worktree, commitInTask, read } = setup();
    const oldMain = repo.git(['rev-parse', 'main']);
    const taskHead = commitInTask({ 'a.txt': 'a from task\n' });

    const { commit } = await mergeTask({
      repoPath: repo.path,
      worktree,
      into: 'main',
      mode: 'merge',
      message: 'Merge task',
    });

    expect(parentsOf(repo, commit)).toEqual([oldMain, taskHead]);
    expect(repo.git(['rev-parse', 'main'])).toBe(commit);
    expect(read('a.txt')).toBe('a from task\n');
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('keeps the user uncommitted edits and untracked files that the merge does not touch', async () => {
    const { repo, worktree, commitInTask, read } = setup();
    commitInTask({ 'a.txt': 'a from task\n' });
    repo.write({ 'README.md': '# readme, edited by the user\n', 'notes.txt': 'user notes\n' });
    repo.git(['add', 'notes.txt']);

    await mergeTask({ repoPath: repo.path, worktree, into: 'main', mode: 'squash', message: 'Task' });

    expect(read('README.md')).toBe('# readme, edited by the user\n');
    expect(read('notes.txt')).toBe('user notes\n');
    expect(read('a.txt')).toBe('a from task\n');
    expect(repo.git(['status', '--porcelain']).split('\n').sort()).toEqual(['A  notes.txt', 'M README.md']);
  });

  it('refuses with checkoutDirty when the user has uncommitted edits to a file the merge changes', async () => {
    const { repo, worktree, commitInTask, read } = setup();
    const oldMain = repo.git(['rev-parse', 'main']);
    commitInTask({ 'a.txt': 'a from task\n' });
    repo.write({ 'a.txt': 'a, edited by the user\n' });

    const error = await expectEngineError(
      mergeTask({ repoPath: repo.path, worktree, into: 'main', mode: 'squash', message: 'Task' }),
      'checkoutDirty',
    );

    expect(error.details).toEqual({ files: ['a.txt'], checkout: repo.path });
    expect(error.message).toBe(
      `Your checkout at ${repo.path} has uncommitted changes to a.txt that the merge would overwrite. Commit or stash them, then merge again.`,
    );
    expect(repo.git(['rev-parse', 'main'])).toBe(oldMain);
    expect(read('a.txt')).toBe('a, edited by the user\n');
  });

  it('refuses with checkoutDirty when an untracked user file is in the way of a file the task adds', async () => {
    const { repo, worktree, commitInTask, read } = setup();
    const oldMain = repo.git(['rev-parse', 'main']);
    commitInTask({ 'src/new.txt': 'from task\n' });
    repo.write({ 'src/new.txt': 'the user own draft\n' });

    const error = await expectEngineError(
      mergeTask({ repoPath: repo.path, worktree, into: 'main', mode: 'merge', message: 'Task' }),
      'checkoutDirty',
    );

    expect(error.details?.files).toEqual(['src/new.txt']);
    expect(repo.git(['rev-parse', 'main'])).toBe(oldMain);
    expect(read('src/new.txt')).toBe('the user own draft\n');
  });

  it('fails with baseMoved when main moved after the preview, then merges after a new preview', async () => {
    const { repo, worktree, commitInTask, read } = setup();
    commitInTask({ 'a.txt': 'a from task\n' });
    const preview = await previewMerge({ repoPath: repo.path, worktree, into: 'main' });
    const moved = repo.commit({ 'other.txt': 'committed on main after the preview\n' }, 'user work');
    const request = { repoPath: repo.path, worktree, into: 'main', mode: 'squash' as const, message: 'Task' };

    const error = await expectEngineError(
      mergeTask({ ...request, expectedIntoCommit: preview.intoCommit }),
      'baseMoved',
    );

    expect(error.message).toBe(
      `main moved since the preview (was ${preview.intoCommit.slice(0, 7)}, now ${moved.slice(0, 7)}). Preview again and merge.`,
    );
    expect(repo.git(['rev-parse', 'main'])).toBe(moved);
    const again = await previewMerge({ repoPath: repo.path, worktree, into: 'main' });
    const { commit } = await mergeTask({ ...request, expectedIntoCommit: again.intoCommit });
    expect(parentsOf(repo, commit)).toEqual([moved]);
    expect(read('a.txt')).toBe('a from task\n');
    expect(read('other.txt')).toBe('committed on main after the preview\n');
  });

  it('moves a branch that is checked out nowhere by compare-and-swap, leaving the user checkout alone', async () => {
    const { repo, worktree, commitInTask, read } = setup();
    const oldMain = repo.git(['rev-parse', 'main']);
    repo.git(['checkout', '-q', '-b', 'dev']);
    repo.write({ 'README.md': '# readme, edited on dev\n' });
    commitInTask({ 'a.txt': 'a from task\n' });

    const { commit } = await mergeTask({
      repoPath: repo.path,
      worktree,
      into: 'main',
      mode: 'squash',
      message: 'Task',
    });

    expect(repo.git(['rev-parse', 'main'])).toBe(commit);
    expect(parentsOf(repo, commit)).toEqual([oldMain]);
    expect(repo.git(['reflog', '-1', '--format=%gs', 'main'])).toBe('flotilla: merge');
    expect(repo.git(['symbolic-ref', 'HEAD'])).toBe('refs/heads/dev');
    expect(repo.git(['rev-parse', 'HEAD'])).toBe(oldMain);
    expect(read('a.txt')).toBe('a\n');
    expect(repo.git(['status', '--porcelain'])).toBe('M README.md');
  });

  it('fast-forwards main where another linked worktree has it checked out', async () => {
    const { parent, repo, worktree, commitInTask, read } = setup();
    repo.git(['checkout', '-q', '-b', 'dev']);
    const other = join(parent, 'other');
    repo.git(['worktree', 'add', '-q', other, 'main']);
    commitInTask({ 'a.txt': 'a from task\n' });

    const { commit } = await mergeTask({
      repoPath: repo.path,
      worktree,
      into: 'main',
      mode: 'squash',
      message: 'Task',
    });

    expect(repo.git(['rev-parse', 'HEAD'], other)).toBe(commit);
    expect(read('a.txt', other)).toBe('a from task\n');
    expect(repo.git(['status', '--porcelain'], other)).toBe('');
    expect(read('a.txt')).toBe('a\n');
  });

  it('refuses conflicting merges with the conflicting files and leaves main alone', async () => {
    const { repo, worktree, commitInTask } = setup();
    commitInTask({ 'a.txt': 'a from task\n' });
    const main = repo.commit({ 'a.txt': 'a on main\n' }, 'main work');

    const error = await expectEngineError(
      mergeTask({ repoPath: repo.path, worktree, into: 'main', mode: 'squash', message: 'Task' }),
      'mergeConflict',
    );

    expect(error.details?.files).toEqual(['a.txt']);
    expect(error.message).toBe(
      'Merging into main conflicts in: a.txt. Bring main into the task and resolve them (Review → Merge… → "Bring in main", or `flotilla bring-in-base <task>`), then merge again.',
    );
    expect(repo.git(['rev-parse', 'main'])).toBe(main);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('serializes concurrent merges of two tasks so both land on main', async () => {
    const { parent, repo, worktree, commitInTask, read } = setup();
    const second = join(parent, 'task2');
    repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t2', second, 'main']);
    commitInTask({ 'a.txt': 'a from task\n' });
    commitInTask({ 'b.txt': 'b from task 2\n' }, second);

    await Promise.all([
      mergeTask({ repoPath: repo.path, worktree, into: 'main', mode: 'squash', message: 'Task 1' }),
      mergeTask({ repoPath: repo.path, worktree: second, into: 'main', mode: 'squash', message: 'Task 2' }),
    ]);

    expect(repo.git(['log', '--format=%s', 'main']).split('\n').slice(0, 2).sort()).toEqual(['Task 1', 'Task 2']);
    expect(read('a.txt')).toBe('a from task\n');
    expect(read('b.txt')).toBe('b from task 2\n');
  });

  it('rejects a tag, an empty message and a task with nothing to merge', async () => {
    const { repo, worktree, commitInTask } = setup();
    repo.git(['tag', 'v1']);
    const base = { repoPath: repo.path, worktree, mode: 'squash' as const };
    await expectEngineError(mergeTask({ ...base, into: 'main', message: 'Task' }), 'invalidInput');
    commitInTask({ 'a.txt': 'a from task\n' });
    const tag = await expectEngineError(mergeTask({ ...base, into: 'v1', message: 'Task' }), 'notABranch');
    expect(tag.message).toBe('v1 is not a local branch; choose a branch to merge into.');
    await expectEngineError(mergeTask({ ...base, into: 'main', message: '  ' }), 'invalidInput');
    expect(repo.git(['rev-parse', 'main'])).toBe(repo.git(['rev-parse', 'v1']));
  });

  it('runs none of the user hooks while merging', async () => {
    const { parent, repo, worktree, commitInTask } = setup();
    const marker = join(parent, 'hook-ran');
    for (const hook of ['post-merge', 'reference-transaction', 'pre-merge-commit']) {
      const path = join(repo.path, '.git', 'hooks', hook);
      writeFileSync(path, `#!/bin/sh\necho ${hook} >> "${marker}"\n`);
      chmodSync(path, 0o755);
    }
    // The test's own git calls run the hooks too, so the marker is cleared just before each merge.
    const merge = async (mode: 'squash' | 'merge', message: string) => {
      rmSync(marker, { force: true });
      await mergeTask({ repoPath: repo.path, worktree, into: 'main', mode, message });
      expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('');
    };
    commitInTask({ 'a.txt': 'a from task\n' });
    await merge('squash', 'Checked out');
    repo.git(['checkout', '-q', '-b', 'dev']);
    commitInTask({ 'c.txt': 'c from task\n' });
    await merge('merge', 'Not checked out');

    expect(repo.git(['log', '-2', '--first-parent', '--format=%s', 'main'])).toBe('Not checked out\nChecked out');
    // The hooks are live: an ordinary ref update by git runs them.
    repo.git(['update-ref', 'refs/heads/probe', 'main']);
    expect(existsSync(marker)).toBe(true);
  });
});
