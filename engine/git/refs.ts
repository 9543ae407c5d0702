import { GitError } from './git-error.js';
import { git } from './git.js';
import { engineSafeConfig } from './safe-config.js';

// What `git check-ref-format` refuses in a ref name besides control characters: space, ~ ^ : ? * [ \,
// `..` and `@{`. Any of it would also make rev-parse read a range, a path or a reflog entry.
const forbiddenInRef = /[ ~^:?*[\\]|\.\.|@\{/;

/**
 * True when `refs/heads/<name>` is a well-formed branch ref (the rules of `git check-ref-format`),
 * with no leading '-' either, so the name can never be read as an option or revision syntax.
 */
export function isBranchName(name: string): boolean {
  if (name === '' || name === '@' || name.startsWith('-') || forbiddenInRef.test(name)) return false;
  if ([...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return false;
  if (name.endsWith('.') || name.endsWith('/')) return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

/**
 * The commit a local branch points at, or null when there is no such branch. Tags and remote branches of the same name
 * are never read.
 */
export async function branchTip(repoPath: string, branch: string): Promise<string | null> {
  if (!isBranchName(branch)) return null;
  return resolveCommit(repoPath, `refs/heads/${branch}`);
}

/** True when a local branch of that name exists. */
export async function branchExists(repoPath: string, branch: string): Promise<boolean> {
  return (await branchTip(repoPath, branch)) !== null;
}

/**
 * The names of the local branches under a prefix (`flotilla/`), full names so a tag of the same name never makes one
 * ambiguous.
 */
export async function branchNames(repoPath: string, prefix = ''): Promise<string[]> {
  const out = await git({
    name: 'branch.names',
    cwd: repoPath,
    args: ['for-each-ref', '--format=%(refname)', `refs/heads/${prefix}`],
    readOnly: true,
  });
  return out.stdout
    .split('\n')
    .filter((ref) => ref.startsWith('refs/heads/'))
    .map((ref) => ref.slice('refs/heads/'.length));
}

/** The commit a revision (ref, full ref name or commit id) names, or null when it names none. */
export async function resolveCommit(cwd: string, revision: string): Promise<string | null> {
  // A name starting with '-' would be read as an option.
  if (revision === '' || revision.startsWith('-')) return null;
  const out = await git({
    name: 'rev-parse.commit',
    cwd,
    args: ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`],
    okExitCodes: [1, 128],
    readOnly: true,
  });
  return out.exitCode === 0 ? out.stdout.trim() || null : null;
}

/** The commit a worktree's HEAD points at; throws when HEAD does not name a commit. */
export async function headCommit(worktree: string): Promise<string> {
  return (
    await git({
      name: 'rev-parse.head',
      cwd: worktree,
      args: ['rev-parse', '--verify', 'HEAD^{commit}'],
      readOnly: true,
    })
  ).stdout.trim();
}

/** The tree of a commit; throws when it is not one. */
export async function treeOf(cwd: string, commit: string): Promise<string> {
  return (
    await git({ name: 'rev-parse.tree', cwd, args: ['rev-parse', '--verify', `${commit}^{tree}`], readOnly: true })
  ).stdout.trim();
}

/** The full ref HEAD points at in a worktree (`refs/heads/main`), or null when HEAD is detached. */
export async function symbolicHead(worktree: string): Promise<string | null> {
  const out = await git({
    name: 'symbolic-ref.head',
    cwd: worktree,
    args: ['symbolic-ref', '--quiet', 'HEAD'],
    okExitCodes: [1],
    readOnly: true,
  });
  return out.exitCode === 0 ? out.stdout.trim() || null : null;
}

/** The branch checked out in a worktree (`main`), or null when HEAD is detached. */
export async function currentBranch(worktree: string): Promise<string | null> {
  const ref = await symbolicHead(worktree);
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
}

/** How a compare-and-swap move of a branch went: done, or refused because the branch moved or is gone. */
export type BranchMove = { kind: 'moved' } | { kind: 'changed'; tip: string } | { kind: 'missing' };

/**
 * Moves a local branch from `from` to `to` only if it still points at `from` (compare-and-swap,
 * recorded in its reflog with `reason`). Meant for branches no worktree has checked out: their
 * files are not touched. Throws for any other failure.
 */
export async function moveBranch(
  repoPath: string,
  branch: string,
  from: string,
  to: string,
  reason: string,
): Promise<BranchMove> {
  const ref = `refs/heads/${branch}`;
  try {
    if (!isBranchName(branch)) return { kind: 'missing' };
    await git({
      name: 'update-ref.branch',
      cwd: repoPath,
      args: [...engineSafeConfig, 'update-ref', '-m', reason, ref, to, from],
    });
    return { kind: 'moved' };
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const tip = await branchTip(repoPath, branch);
    if (tip === null) return { kind: 'missing' };
    if (tip !== from) return { kind: 'changed', tip };
    throw error;
  }
}

/** Deletes a local branch; false when there was none to delete. */
export async function deleteBranch(repoPath: string, branch: string): Promise<boolean> {
  const out = await git({
    name: 'branch.delete',
    cwd: repoPath,
    args: ['branch', '-D', '--', branch],
    okExitCodes: [1],
  });
  return out.exitCode === 0;
}
