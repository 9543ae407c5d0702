import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import {
  branchExists,
  branchNames,
  branchTip,
  currentBranch,
  deleteBranch,
  headCommit,
  isBranchName,
  moveBranch,
  resolveCommit,
  symbolicHead,
  treeOf,
} from './refs.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function setup() {
  const root = makeTempDir();
  temps.push(root);
  const repo = createTempRepo({ 'a.txt': 'a\n' }, root);
  const first = repo.git(['rev-parse', 'HEAD']);
  const second = repo.commit({ 'a.txt': 'a2\n' }, 'second');
  return { root, repo, first, second };
}

describe('branch tip and exists', () => {
  it('gives the tip of an existing branch and null for a missing one', async () => {
    const { repo, first, second } = setup();
    repo.git(['branch', 'old', first]);
    expect(await branchTip(repo.path, 'main')).toBe(second);
    expect(await branchTip(repo.path, 'old')).toBe(first);
    expect(await branchTip(repo.path, 'nope')).toBeNull();
    expect(await branchExists(repo.path, 'old')).toBe(true);
    expect(await branchExists(repo.path, 'nope')).toBe(false);
  });

  it('reads the branch, never a tag of the same name, and no tag, remote branch or commit id counts as a branch', async () => {
    const { repo, first, second } = setup();
    // A tag "main" at the older commit: plain `git rev-parse main` would now warn and pick the tag.
    repo.git(['tag', 'main', first]);
    expect(repo.git(['rev-parse', 'main'])).toBe(first);
    expect(await branchTip(repo.path, 'main')).toBe(second);
    repo.git(['tag', 'v1', first]);
    repo.git(['update-ref', 'refs/remotes/origin/feature', first]);
    for (const name of [
      'v1',
      'origin/feature',
      'remotes/origin/feature',
      first,
      'HEAD',
      'main~1',
      'main^',
      'main@{0}',
      'main..main',
      '-main',
      '',
    ]) {
      expect(await branchTip(repo.path, name), name).toBeNull();
      expect(await branchExists(repo.path, name), name).toBe(false);
    }
  });

  it('lists branch names under a prefix by full name, even when a tag shares one', async () => {
    const { repo, first } = setup();
    repo.git(['branch', 'flotilla/a', first]);
    repo.git(['branch', 'flotilla/b']);
    repo.git(['branch', 'other']);
    repo.git(['tag', 'flotilla/a']);
    expect(await branchNames(repo.path, 'flotilla/')).toEqual(['flotilla/a', 'flotilla/b']);
    expect(await branchNames(repo.path)).toEqual(['flotilla/a', 'flotilla/b', 'main', 'other']);
  });

  it('judges branch names as git check-ref-format does, and refuses leading dashes', () => {
    const names = [
      'main',
      'flotilla/t-1',
      'a.b',
      'x/y/z',
      'HEAD',
      'ünïcode',
      'a..b',
      'a b',
      'a~1',
      'a^',
      'a:b',
      'a?',
      'a*',
      'a[b',
      'a\\b',
      'a@{b',
      'a/',
      '/a',
      'a//b',
      '.a',
      'a/.b',
      'a.',
      'a.lock',
      'a/b.lock/c',
      'a\tb',
      'a\u007fb',
      '@',
    ];
    for (const name of names) {
      let valid = true;
      try {
        execFileSync('git', ['check-ref-format', `refs/heads/${name}`], { stdio: 'ignore' });
      } catch {
        valid = false;
      }
      // `@` alone is a valid ref component, but git refuses it as a branch name (it means HEAD).
      expect(isBranchName(name), name).toBe(name === '@' ? false : valid);
    }
    expect(isBranchName('-x')).toBe(false);
    expect(isBranchName('')).toBe(false);
  });

  it('resolves revisions to commits, null for what names none', async () => {
    const { repo, first, second } = setup();
    expect(await resolveCommit(repo.path, 'HEAD')).toBe(second);
    expect(await resolveCommit(repo.path, 'HEAD~1')).toBe(first);
    expect(await resolveCommit(repo.path, 'refs/heads/main')).toBe(second);
    expect(await resolveCommit(repo.path, 'nope')).toBeNull();
    expect(await resolveCommit(repo.path, '--all')).toBeNull();
    expect(await headCommit(repo.path)).toBe(second);
    expect(await treeOf(repo.path, second)).toBe(repo.git(['rev-parse', 'HEAD^{tree}']));
  });
});

describe('symbolic HEAD', () => {
  it('names the branch of an attached HEAD, also when a tag shares its name, and null for a detached one', async () => {
    const { root, repo, first } = setup();
    repo.git(['tag', 'main']);
    expect(await symbolicHead(repo.path)).toBe('refs/heads/main');
    expect(await currentBranch(repo.path)).toBe('main');
    const worktree = join(root, 'detached');
    repo.git(['worktree', 'add', '-q', '--detach', worktree, first]);
    expect(await symbolicHead(worktree)).toBeNull();
    expect(await currentBranch(worktree)).toBeNull();
    repo.git(['switch', '-q', '-c', 'topic'], worktree);
    expect(await currentBranch(worktree)).toBe('topic');
  });

  it('names an unborn branch too', async () => {
    const root = makeTempDir();
    temps.push(root);
    execFileSync('git', ['init', '-q', '-b', 'trunk', root]);
    expect(await symbolicHead(root)).toBe('refs/heads/trunk');
  });
});

describe('moving and deleting branches', () => {
  it('moves a branch only from the tip it was read at, and says when it changed or is gone', async () => {
    const { repo, first, second } = setup();
    repo.git(['branch', 'target', first]);
    expect(await moveBranch(repo.path, 'target', first, second, 'test: move')).toEqual({ kind: 'moved' });
    expect(await branchTip(repo.path, 'target')).toBe(second);
    expect(repo.git(['reflog', '-1', '--format=%gs', 'refs/heads/target'])).toBe('test: move');
    // Someone else moved it since: compare-and-swap refuses and says where it is.
    expect(await moveBranch(repo.path, 'target', first, first, 'test: stale')).toEqual({
      kind: 'changed',
      tip: second,
    });
    expect(await branchTip(repo.path, 'target')).toBe(second);
    expect(await moveBranch(repo.path, 'gone', first, second, 'test: gone')).toEqual({ kind: 'missing' });
    expect(await branchExists(repo.path, 'gone')).toBe(false);
  });

  it('deletes a branch, false when there is none', async () => {
    const { repo } = setup();
    repo.git(['branch', 'doomed']);
    expect(await deleteBranch(repo.path, 'doomed')).toBe(true);
    expect(await branchExists(repo.path, 'doomed')).toBe(false);
    expect(await deleteBranch(repo.path, 'doomed')).toBe(false);
  });
});
