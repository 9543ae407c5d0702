import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTempRepo, makeTempDir, type TempRepo } from './temp-repo.js';

/** A repository with one task worktree (branch flotilla/t from main) where Flotilla keeps them. */
export interface OwnedWorktree {
  tmp: string;
  repo: TempRepo;
  /** FLOTILLA_HOME/worktrees in the temp folder. */
  worktreesRoot: string;
  worktree: string;
}

/** Makes a temp repo and a task worktree under a temp FLOTILLA_HOME/worktrees; `temps` collects the folder to remove. */
export function createOwnedWorktree(temps: string[]): OwnedWorktree {
  const tmp = makeTempDir();
  temps.push(tmp);
  const repo = createTempRepo({ 'README.md': '# test\n' }, tmp, 'repo');
  const worktreesRoot = join(tmp, 'home', 'worktrees');
  mkdirSync(join(worktreesRoot, 'repo'), { recursive: true });
  const worktree = join(worktreesRoot, 'repo', 't1');
  repo.git(['worktree', 'add', '-q', '-b', 'flotilla/t', worktree, 'main']);
  return { tmp, repo, worktreesRoot, worktree };
}
