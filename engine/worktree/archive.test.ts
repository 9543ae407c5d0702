import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../../testing/engine/temp-repo.js';
import { archiveAndRemove, restoreFromArchive } from './archive.js';

const temps: string[] = [];
afterEach(() => {
  for (const path of temps.splice(0)) removeTemp(path);
});

function setup(repoName = 'repo', homeName = 'home') {
  const tmp = makeTempDir();
  temps.push(tmp);
  const repo = createTempRepo(
    { 'README.md': '# test\n', '.gitignore': 'node_modules/\n', 'gone.txt': 'bye\n', 'staged.txt': 'base\n' },
    tmp,
    repoName,
  );
  const worktreesRoot = join(tmp, homeName, 'worktrees');
  mkdirSync(worktreesRoot, { recursive: true });
  const worktree = join(worktreesRoot, 'repo', 't1');
  repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t', worktree, 'main']);
  return {
    repo,
    worktreesRoot,
    worktree,
    input: { repoPath: repo.path, worktree, branch: 'flotilla/t', taskId: 't1', worktreesRoot },
  };
}

/** Leaves every kind of change in the worktree; returns the branch tip. */
function makeChanges(repo: TempRepo, worktree: string): string {
  repo.write({ 'feature.txt': 'committed\n' }, worktree);
  repo.git(['add', '-A'], worktree);
  repo.git(['commit', '-q', '-m', 'agent work'], worktree);
  repo.write({ 'README.md': '# edited, not staged\n' }, worktree);
  repo.write({ 'staged.txt': 'staged version\n', 'added.txt': 'new and staged\n' }, worktree);
  repo.git(['add', 'staged.txt', 'added.txt'], worktree);
  repo.write({ 'staged.txt': 'staged, then edited again\n' }, worktree);
  rmSync(join(worktree, 'gone.txt'));
  repo.write({ 'notes/untracked ü.md': 'untracked\n', 'node_modules/pkg/index.js': 'ignored\n' }, worktree);
  return repo.git(['rev-parse', 'HEAD'], worktree);
}

function files(worktree: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(worktree, { recursive: true, withFileTypes: true })) {
    const path = relative(worktree, join(entry.parentPath, entry.name));
    if (entry.isFile() && path !== '.git' && !path.startsWith('node_modules'))
      result[path] = readFileSync(join(worktree, path), 'utf8');
  }
  return result;
}

function observe(repo: TempRepo, worktree: string) {
  return {
    // Not through repo.git: its trim would eat the leading space that marks an unstaged change.
    status: execFileSync('git', ['status', '--porcelain=v1', '--untracked-files=all'], {
      cwd: worktree,
      encoding: 'utf8',
    }),
    staged: repo.git(['diff', '--cached'], worktree),
    unstaged: repo.git(['diff'], worktree),
    files: files(worktree),
  };
}

describe.each([
  { repoName: 'repo', homeName: 'home' },
  { repoName: 'my répo ✓', homeName: 'Flotilla home ü' },
])('discard and restore in $repoName', ({ repoName, homeName }) => {
  it('keeps the task branch when another worktree has it checked out too', async () => {
    const { repo, worktree, input } = setup();
    const other = join(worktree, '..', '..', '..', 'users-copy');
    repo.git(['worktree', 'add', '-q', '--force', other, 'flotilla/t']);
    await archiveAndRemove(input);
    expect(existsSync(worktree)).toBe(false);
    expect(repo.git(['branch', '--list', 'flotilla/t'])).toContain('flotilla/t');
    expect(repo.git(['symbolic-ref', 'HEAD'], other)).toBe('refs/heads/flotilla/t');
  });

  it('removes the worktree and branch, then restores every kind of change exactly', async () => {
    const { repo, worktree, input } = setup(repoName, homeName);
    const tip = makeChanges(repo, worktree);
    const before = observe(repo, worktree);
    expect(before.status.split('\n')).toEqual([
      ' M README.md',
      'A  added.txt',
      ' D gone.txt',
      'MM staged.txt',
      '?? "notes/untracked \\303\\274.md"',
      '',
    ]);

    const result = await archiveAndRemove(input);

    expect(result.archiveRef).toBe('refs/flotilla/archive/t1');
    expect(repo.git(['rev-parse', result.archiveRef])).toBe(result.commit);
    expect(existsSync(worktree)).toBe(false);
    expect(repo.git(['branch', '--list', 'flotilla/t'])).toBe('');
    expect(repo.git(['worktree', 'list', '--porcelain'])).not.toContain(worktree);
    expect(repo.git(['ls-tree', '-r', '--name-only', result.commit])).not.toContain('node_modules');

    await restoreFromArchive({ repoPath: repo.path, taskId: 't1', branch: 'flotilla/t', worktree });

    expect(repo.git(['rev-parse', 'refs/heads/flotilla/t'])).toBe(tip);
    expect(repo.git(['rev-parse', 'HEAD'], worktree)).toBe(tip);
    expect(repo.git(['symbolic-ref', 'HEAD'], worktree)).toBe('refs/heads/flotilla/t');
    expect(observe(repo, worktree)).toEqual(before);
    // Ignored files are not archived: node_modules does not come back.
    expect(existsSync(join(worktree, 'node_modules'))).toBe(false);
  });
});

describe('archiveAndRemove', () => {
  it('archives the branch tip and cleans up when the folder was deleted behind git’s back', async () => {
    const { repo, worktree, input } = setup();
    repo.write({ 'feature.txt': 'committed\n' }, worktree);
    repo.git(['add', '-A'], worktree);
    repo.git(['commit', '-q', '-m', 'agent work'], worktree);
    const tip = repo.git(['rev-parse', 'HEAD'], worktree);
    rmSync(worktree, { recursive: true, force: true });

    const result = await archiveAndRemove(input);

    expect(repo.git(['rev-parse', `${result.commit}^1`])).toBe(tip);
    expect(repo.git(['branch', '--list', 'flotilla/t'])).toBe('');
    expect(repo.git(['worktree', 'list', '--porcelain'])).not.toContain(worktree);
    await restoreFromArchive({ repoPath: repo.path, taskId: 't1', branch: 'flotilla/t', worktree });
    expect(repo.git(['rev-parse', 'HEAD'], worktree)).toBe(tip);
    expect(repo.git(['status', '--porcelain'], worktree)).toBe('');
    expect(readFileSync(join(worktree, 'feature.txt'), 'utf8')).toBe('committed\n');
  });

  it('keeps the earlier archive when a restored task is discarded again', async () => {
    const { repo, worktree, input } = setup();
    repo.write({ 'first.txt': 'one\n' }, worktree);
    const first = await archiveAndRemove(input);
    await restoreFromArchive({ repoPath: repo.path, taskId: 't1', branch: 'flotilla/t', worktree });
    repo.write({ 'second.txt': 'two\n' }, worktree);

    const second = await archiveAndRemove(input);

    const refs = repo.git(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/flotilla/archive/']).split('\n');
    expect(refs).toHaveLength(2);
    expect(refs).toContain(`refs/flotilla/archive/t1 ${second.commit}`);
    expect(refs.some((line) => /^refs\/flotilla\/archive\/t1-\S+ /.test(line) && line.endsWith(first.commit))).toBe(
      true,
    );
    expect(repo.git(['show', `${second.commit}:second.txt`])).toBe('two');
    expect(repo.git(['show', `${second.commit}:first.txt`])).toBe('one');
  });

  it('rejects a task id that cannot name a ref', async () => {
    const { worktree, input } = setup();
    await expect(archiveAndRemove({ ...input, taskId: '../main' })).rejects.toMatchObject({ code: 'invalidInput' });
    expect(existsSync(worktree)).toBe(true);
  });
});

describe('restoreFromArchive', () => {
  it('says so when the task has no archive', async () => {
    const { repo, worktreesRoot } = setup();
    const worktree = join(worktreesRoot, 'repo', 'nope');
    await expect(
      restoreFromArchive({ repoPath: repo.path, taskId: 'nope', branch: 'flotilla/nope', worktree }),
    ).rejects.toMatchObject({
      code: 'notFound',
      message: 'No archive for task nope; it cannot be restored.',
    });
    expect(existsSync(worktree)).toBe(false);
  });

  it('refuses when a branch of that name now points elsewhere, creating nothing', async () => {
    const { repo, worktree, input } = setup();
    await archiveAndRemove(input);
    repo.commit({ 'main.txt': 'moved on\n' });
    repo.git(['branch', 'flotilla/t', 'main']);

    await expect(
      restoreFromArchive({ repoPath: repo.path, taskId: 't1', branch: 'flotilla/t', worktree }),
    ).rejects.toMatchObject({ code: 'branchExists' });
    expect(existsSync(worktree)).toBe(false);
    expect(repo.git(['rev-parse', 'flotilla/t'])).toBe(repo.git(['rev-parse', 'main']));
  });
});
