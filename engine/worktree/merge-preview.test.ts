import { readFileSync, statSync } from 'node:fs';
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

/** A repo on main with a task worktree on flotilla/t branched from main. */
function setup(files: Record<string, string>): {
  repo: TempRepo;
  worktree: string;
  commitInTask(files: Record<string, string>): string;
} {
  const parent = makeTempDir();
  temps.push(parent);
  const repo = createTempRepo(files, parent);
  const worktree = join(parent, 'task');
  repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t', worktree, 'main']);
  return {
    repo,
    worktree,
    commitInTask(changes) {
      repo.write(changes, worktree);
      repo.git(['add', '-A'], worktree);
      repo.git(['commit', '-q', '--no-verify', '-m', 'task work'], worktree);
      return repo.git(['rev-parse', 'HEAD'], worktree);
    },
  };
}

/** Everything a preview must leave alone: both checkouts' status and both indexes, byte for byte and by mtime. */
function untouchedState(repo: TempRepo, worktree: string) {
  const index = (path: string) => ({ mtime: statSync(path).mtimeMs, bytes: readFileSync(path).toString('base64') });
  return {
    userIndex: index(join(repo.path, '.git', 'index')),
    taskIndex: index(join(repo.path, '.git', 'worktrees', 'task', 'index')),
    // --no-optional-locks keeps status itself from refreshing (rewriting) the index it is checking.
    userStatus: repo.git(['--no-optional-locks', 'status', '--porcelain']),
    taskStatus: repo.git(['--no-optional-locks', 'status', '--porcelain'], worktree),
    refs: repo.git(['for-each-ref', '--format=%(refname) %(objectname)']),
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

describe('previewMerge', () => {
  it('reports a clean merge of committed, uncommitted and untracked task changes without touching any checkout or index', async () => {
    const { repo, worktree, commitInTask } = setup({ 'a.txt': 'a\n', 'README.md': '# readme\n' });
    commitInTask({ 'a.txt': 'a from task\n' });
    repo.write({ 'README.md': '# readme, edited by the agent\n', 'new.txt': 'untracked\n' }, worktree);
    repo.write({ 'notes.txt': 'user scratch\n' });
    const main = repo.git(['rev-parse', 'main']);
    const before = untouchedState(repo, worktree);

    const preview = await previewMerge({ repoPath: repo.path, worktree, into: 'main' });

    expect(preview).toMatchObject({ clean: true, conflicts: [], into: 'main', intoCommit: main, filesChanged: 3 });
    expect(repo.git(['show', `${preview.taskCommit}:new.txt`])).toBe('untracked');
    expect(repo.git(['show', `${preview.taskCommit}:a.txt`])).toBe('a from task');
    expect(untouchedState(repo, worktree)).toEqual(before);
  });

  it('lists exactly the conflicting files and still touches nothing', async () => {
    const { repo, worktree, commitInTask } = setup({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    repo.commit({ 'a.txt': 'a on main\n', 'b.txt': 'b on main\n' }, 'main work');
    commitInTask({ 'a.txt': 'a from task\n', 'c.txt': 'c from task\n' });
    repo.write({ 'b.txt': 'b from task, uncommitted\n' }, worktree);
    const before = untouchedState(repo, worktree);

    const preview = await previewMerge({ repoPath: repo.path, worktree, into: 'main' });

    expect(preview.clean).toBe(false);
    expect(preview.conflicts).toEqual(['a.txt', 'b.txt']);
    expect(preview.intoCommit).toBe(repo.git(['rev-parse', 'main']));
    expect(untouchedState(repo, worktree)).toEqual(before);
    expect(repo.git(['show', 'main:a.txt'])).toBe('a on main');
  });

  it("names the user's checkout of the target and the uncommitted files there the merge would overwrite, before merging", async () => {
    const { repo, worktree, commitInTask } = setup({ 'a.txt': 'a\n', 'b.txt': 'b\n', '.gitignore': 'build/\n' });
    commitInTask({ 'a.txt': 'a from task\n', 'new.txt': 'added by the task\n', 'build/out.txt': 'forced\n' });
    repo.git(['add', '-f', 'build/out.txt'], worktree);
    repo.git(['commit', '-q', '--no-verify', '-m', 'tracked build file'], worktree);
    // The user's own checkout of main: an edit the merge would overwrite, an untracked file where
    // the task adds one, an ignored one likewise, and an edit to a file the task leaves alone.
    repo.write({
      'a.txt': 'a, my unsaved edit\n',
      'new.txt': 'my scratch\n',
      'build/out.txt': 'my build\n',
      'b.txt': 'b, my other edit\n',
    });
    const before = untouchedState(repo, worktree);

    const preview = await previewMerge({ repoPath: repo.path, worktree, into: 'main' });

    expect(preview).toMatchObject({
      clean: true,
      checkout: { path: repo.path, blocking: ['a.txt', 'build/out.txt', 'new.txt'] },
    });
    expect(untouchedState(repo, worktree)).toEqual(before);
    // The merge refuses on exactly those files, and main stays where the preview said.
    const main = repo.git(['rev-parse', 'main']);
    const error = await expectEngineError(
      mergeTask({
        repoPath: repo.path,
        worktree,
        into: 'main',
        mode: 'squash',
        message: 'm',
        expectedIntoCommit: preview.intoCommit,
      }),
      'checkoutDirty',
    );
    expect(error.message).toContain('a.txt');
    expect(repo.git(['rev-parse', 'main'])).toBe(main);

    // Once those are stashed (the unrelated edit to b.txt may stay), the preview clears and the merge goes through.
    repo.git(['stash', 'push', '--quiet', '--', 'a.txt']);
    repo.git(['clean', '-q', '-f', '-x', '--', 'new.txt', 'build']);
    const cleared = await previewMerge({ repoPath: repo.path, worktree, into: 'main' });
    expect(cleared.checkout).toEqual({ path: repo.path, blocking: [] });
    await mergeTask({
      repoPath: repo.path,
      worktree,
      into: 'main',
      mode: 'squash',
      message: 'm',
      expectedIntoCommit: cleared.intoCommit,
    });
    expect(readFileSync(join(repo.path, 'b.txt'), 'utf8')).toBe('b, my other edit\n');
  });

  it('reports no checkout when nobody has the target branch checked out', async () => {
    const { repo, worktree, commitInTask } = setup({ 'a.txt': 'a\n' });
    repo.git(['branch', 'release']);
    commitInTask({ 'a.txt': 'a from task\n' });
    const preview = await previewMerge({ repoPath: repo.path, worktree, into: 'release' });
    expect(preview.checkout).toBeNull();
  });

  it('refuses a tag, a commit id or an unknown name as the branch to merge into', async () => {
    const { repo, worktree } = setup({ 'a.txt': 'a\n' });
    repo.git(['tag', 'v1']);
    for (const into of ['v1', repo.git(['rev-parse', 'HEAD']), 'nope', 'main~1', '']) {
      const error = await expectEngineError(previewMerge({ repoPath: repo.path, worktree, into }), 'notABranch');
      expect(error.message).toBe(`${into} is not a local branch; choose a branch to merge into.`);
    }
  });
});
