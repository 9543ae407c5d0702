import { git } from './git.js';

// Revision syntax a branch name can never hold (git check-ref-format rejects it); a name with any
// of it would make rev-parse read a range or a path instead of one ref, so it names no branch.
const revisionSyntax = /\.\.|[\s~^:?*[\\]|@\{|^-|^$/;

/** The commit a local branch points at, or null when there is no such branch. Tags and remote branches of the same name are never read. */
export async function branchTip(repoPath: string, branch: string): Promise<string | null> {
  if (revisionSyntax.test(branch)) return null;
  return resolveCommit(repoPath, `refs/heads/${branch}`);
}

/** True when a local branch of that name exists. */
export async function branchExists(repoPath: string, branch: string): Promise<boolean> {
  return (await branchTip(repoPath, branch)) !== null;
}

/** The commit a revision (ref, full ref name or commit id) names, or null when it names none. */
export async function resolveCommit(cwd: string, revision: string): Promise<string | null> {
  // A name starting with '-' would be read as an option.
  if (revision === '' || revision.startsWith('-')) return null;
  const out = await git({ name: 'rev-parse.commit', cwd, args: ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], okExitCodes: [1, 128], readOnly: true });
  return out.exitCode === 0 ? out.stdout.trim() || null : null;
}

/** The commit a worktree's HEAD points at; throws when HEAD does not name a commit. */
export async function headCommit(worktree: string): Promise<string> {
  return (await git({ name: 'rev-parse.head', cwd: worktree, args: ['rev-parse', '--verify', 'HEAD^{commit}'], readOnly: true })).stdout.trim();
}

/** The tree of a commit; throws when it is not one. */
export async function treeOf(cwd: string, commit: string): Promise<string> {
  return (await git({ name: 'rev-parse.tree', cwd, args: ['rev-parse', '--verify', `${commit}^{tree}`], readOnly: true })).stdout.trim();
}

/** The full ref HEAD points at in a worktree (`refs/heads/main`), or null when HEAD is detached. */
export async function symbolicHead(worktree: string): Promise<string | null> {
  const out = await git({ name: 'symbolic-ref.head', cwd: worktree, args: ['symbolic-ref', '--quiet', 'HEAD'], okExitCodes: [1], readOnly: true });
  return out.exitCode === 0 ? out.stdout.trim() || null : null;
}

/** The branch checked out in a worktree (`main`), or null when HEAD is detached. */
export async function currentBranch(worktree: string): Promise<string | null> {
  const ref = await symbolicHead(worktree);
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
}

/** Deletes a local branch; false when there was none to delete. */
export async function deleteBranch(repoPath: string, branch: string): Promise<boolean> {
  const out = await git({ name: 'branch.delete', cwd: repoPath, args: ['branch', '-D', '--', branch], okExitCodes: [1] });
  return out.exitCode === 0;
}
