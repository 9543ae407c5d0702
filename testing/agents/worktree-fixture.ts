import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../engine/temp-repo.js';

/** A real git worktree for tests, next to its repository and an `outside` folder holding a secret. */
export interface WorktreeFixture {
  parent: string;
  repo: TempRepo;
  worktree: string;
  outside: string;
  remove(): void;
}

/** Creates a repo, a linked worktree on branch `task`, and a folder outside both. */
export function createWorktreeFixture(files: Record<string, string> = { 'README.md': '# test\n' }): WorktreeFixture {
  const parent = makeTempDir();
  const repo = createTempRepo(files, parent, 'repo');
  const worktree = join(parent, 'worktree');
  repo.git(['worktree', 'add', '-q', '-b', 'task', worktree]);
  const outside = join(parent, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'outside secret\n');
  return { parent, repo, worktree, outside, remove: () => removeTemp(parent) };
}
