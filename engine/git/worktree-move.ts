import { access, readFile, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { EngineError } from '../errors.js';
import { git } from './git.js';
import { writeHeadFile } from './head-file.js';
import { engineSafeConfig } from './safe-config.js';

/**
 * Moves a linked worktree's folder; callers hold the repo lock and have checked that `to` does not exist. Done as
 * `git worktree move` does it, without spawning git: rename the folder, then point the worktree's record
 * (`<common dir>/worktrees/<id>/gitdir`) at its new `.git` file, and rewrite that `.git` file when it holds a relative
 * path. Falls back to `git worktree move` when the folder does not look like a plain linked worktree.
 */
export async function moveWorktree(repoPath: string, from: string, to: string): Promise<void> {
  const pointer = await readFile(join(from, '.git'), 'utf8').catch(() => null);
  const recorded = /^gitdir: (.+)\n?$/.exec(pointer ?? '')?.[1];
  const adminDir = recorded === undefined ? null : resolve(from, recorded);
  const backLink = adminDir === null ? null : await readFile(join(adminDir, 'gitdir'), 'utf8').catch(() => null);
  // A locked worktree, or one whose record does not point back at it, is left to git (which explains the refusal).
  const plain =
    adminDir !== null &&
    backLink !== null &&
    resolve(adminDir, backLink.trim()) === join(from, '.git') &&
    !(await exists(join(adminDir, 'locked')));
  if (!plain || recorded === undefined || adminDir === null || backLink === null) {
    await git({ name: 'worktree.move', cwd: repoPath, args: ['worktree', 'move', from, to] });
    return;
  }
  await rename(from, to);
  const newDotGit = join(to, '.git');
  if (!isAbsolute(recorded)) await writeFile(newDotGit, `gitdir: ${relative(to, adminDir)}\n`);
  const link = isAbsolute(backLink.trim()) ? newDotGit : relative(adminDir, newDotGit);
  await writeFile(join(adminDir, 'gitdir'), `${link}\n`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Creates a branch at a commit only if it does not exist yet (`update-ref` with the zero old value, which also writes
 * its reflog and refuses a name clashing with another ref); a clear error when it exists.
 */
export async function createBranch(repoPath: string, branch: string, commit: string): Promise<void> {
  const created = await git({
    name: 'branch.create',
    cwd: repoPath,
    args: ['update-ref', `refs/heads/${branch}`, commit, ''],
    okExitCodes: [128],
  });
  if (created.exitCode !== 0)
    throw new EngineError(
      'branchExists',
      `The branch ${branch} already exists. Choose another branch name or delete that branch.`,
      { branch },
    );
}

/** Points a worktree's HEAD at a branch (which may not exist yet), without touching a file or its index. */
export async function pointHead(worktree: string, branch: string): Promise<void> {
  if (await writeHeadFile(worktree, branch)) return;
  await git({ name: 'head.attach', cwd: worktree, args: ['symbolic-ref', 'HEAD', `refs/heads/${branch}`] });
}

/** Moves a detached pool worktree's files to another commit (its base moved on). */
export async function checkoutDetached(worktree: string, commit: string): Promise<void> {
  await git({
    name: 'worktree.moveTo',
    cwd: worktree,
    args: [...engineSafeConfig, 'checkout', '--force', '--quiet', '--detach', commit],
  });
}
