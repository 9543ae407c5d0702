import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { GitError } from '../git/git-error.js';
import { engineSafeConfig } from '../git/safe-config.js';
import { withRepoLock } from '../git/repo-lock.js';
import { commitTree } from '../git/commit.js';
import { branchTip, deleteBranch, headCommit, isBranchName, resolveCommit, treeOf } from '../git/refs.js';
import { snapshotTree, worktreeState } from '../git/snapshot.js';
import { addWorktree } from '../git/worktree-add.js';
import { removeWorktree } from '../git/worktree-remove.js';
import { assertOwnedWorktree, type OwnedWorktree } from './ownership.js';
import { gitCommonDir } from '../git/common-dir.js';

/*
 * Archive format, modelled on `git stash`: the ref refs/flotilla/archive/<taskId> points at a
 * "worktree commit" whose tree is everything in the worktree (tracked, modified, untracked but not
 * ignored) and whose parents are [HEAD, index commit, ...other tips to keep]. The index commit's
 * tree is the worktree's real index (the staged state) and its parent is HEAD. Ignored files
 * (node_modules, build output, .env) and empty folders are NOT archived: they are gone after a
 * discard. Restore keeps the archive ref, so discarding the restored task again moves the earlier
 * archive aside to refs/flotilla/archive/<taskId>-<timestamp> and no state is ever lost.
 */

/** Where a task's worktree goes: the user's repo, the folder, its branch, and FLOTILLA_HOME/worktrees. */
export interface ArchiveInput {
  repoPath: string;
  worktree: string;
  branch: string;
  taskId: string;
  worktreesRoot: string;
  /** The repository's git common dir (realpath) when the caller knows it, saving git calls. */
  commonDir?: string;
}

/** The ref that now holds the task's state and the worktree commit it points at. */
export interface ArchiveResult {
  archiveRef: string;
  commit: string;
}

/** Where a discarded task comes back: the user's repo, its task id, the branch and folder to recreate. */
export interface RestoreInput {
  repoPath: string;
  taskId: string;
  branch: string;
  worktree: string;
}

/** The state a discard keeps: the commit checked out, the staged tree and the full working tree. */
interface Capture {
  head: string;
  indexTree: string;
  worktreeTree: string;
  /** Other commits (branch tip, git's record of HEAD) that must stay reachable when they differ from head. */
  keep: string[];
}

/** The archive ref of a task; rejects ids that are not safe as one ref name component. */
export function archiveRefFor(taskId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(taskId) || taskId.includes('..') || taskId.endsWith('.lock')) {
    throw new EngineError(
      'invalidInput',
      `The task id "${taskId}" cannot name an archive; use letters, digits, '.', '_' and '-'.`,
    );
  }
  return `refs/flotilla/archive/${taskId}`;
}

/**
 * Discards a task's worktree recoverably: first snapshots everything into the task's archive ref,
 * then (only after the ownership gate passes) removes the worktree and deletes its branch, whose
 * commits stay reachable from the archive. A folder already deleted behind git's back is archived
 * from the branch tip and git's stale record is cleaned up.
 */
export async function archiveAndRemove(input: ArchiveInput): Promise<ArchiveResult> {
  const archiveRef = archiveRefFor(input.taskId);
  assertBranchName(input.branch);
  const commonDir = input.commonDir ?? (await gitCommonDir(input.repoPath));
  const gate = { ...input, commonDir };
  return withRepoLock(commonDir, async () => {
    const owned = await assertOwnedWorktree(gate);
    const tip = await branchTip(input.repoPath, input.branch);
    const capture = await captureState(input, owned, tip);
    const indexCommit = await commitTree(
      input.repoPath,
      capture.indexTree,
      [capture.head],
      `flotilla index: task ${input.taskId} on ${input.branch}`,
    );
    const commit = await commitTree(
      input.repoPath,
      capture.worktreeTree,
      [capture.head, indexCommit, ...capture.keep],
      archiveMessage(input, owned.path),
    );
    await storeArchive(input.repoPath, archiveRef, commit, input.taskId);
    // Check again right before deleting: the folder could have been swapped for a symlink meanwhile.
    const recheck = await assertOwnedWorktree(gate);
    await assertUnchanged(input, recheck, tip, capture.head);
    if (recheck.kind === 'present' || recheck.entry) {
      const path = recheck.kind === 'present' ? recheck.path : (recheck.entry?.path ?? recheck.path);
      // Double force also removes locked worktrees: ownership is proven and the contents are archived.
      await removeWorktree(input.repoPath, path, { mode: 'force' });
    }
    await deleteUnusedBranch(input.repoPath, input.branch, tip);
    return { archiveRef, commit };
  });
}

/**
 * Brings a discarded task back: recreates its branch at the archived HEAD, adds the worktree, then
 * restores the working files and, separately, the staged state, so untracked files come back
 * untracked and staged changes staged. The archive ref is kept. Undoes its own work on failure.
 */
export async function restoreFromArchive(input: RestoreInput): Promise<void> {
  const archiveRef = archiveRefFor(input.taskId);
  assertBranchName(input.branch);
  await withRepoLock(await gitCommonDir(input.repoPath), async () => {
    const archive = await resolveCommit(input.repoPath, archiveRef);
    if (archive === null)
      throw new EngineError('notFound', `No archive for task ${input.taskId}; it cannot be restored.`);
    const [head, indexCommit] = await parentsOf(input.repoPath, archive);
    if (head === undefined || indexCommit === undefined) {
      throw new EngineError(
        'notFound',
        `${archiveRef} is not a Flotilla archive, so task ${input.taskId} cannot be restored.`,
      );
    }
    const tip = await branchTip(input.repoPath, input.branch);
    if (tip !== null && tip !== head) {
      throw new EngineError(
        'branchExists',
        `A branch named ${input.branch} already exists and points elsewhere; rename or delete it, then restore again.`,
        { branch: input.branch },
      );
    }
    const target =
      tip === null
        ? ({ kind: 'new', branch: input.branch, startPoint: head } as const)
        : ({ kind: 'existing', branch: input.branch } as const);
    // No checkout: the archive's files are written once below instead of checking out HEAD first.
    await addWorktree({ repoPath: input.repoPath, path: input.worktree, target, checkout: false }).catch(
      async (error: unknown) => {
        if (tip === null) await deleteUnusedBranch(input.repoPath, input.branch, head).catch(() => undefined);
        throw error;
      },
    );
    try {
      const run = (name: string, args: string[]) =>
        git({ name, cwd: input.worktree, args: [...engineSafeConfig, ...args] });
      await run('restore.files', ['read-tree', '-u', '--reset', await treeOf(input.repoPath, archive)]);
      // Without -u only the index changes; --reset keeps stat data of entries whose content matches.
      await run('restore.index', ['read-tree', '--reset', await treeOf(input.repoPath, indexCommit)]);
    } catch (error) {
      // The folder was created by the worktree.add above, so removing it cannot touch user files.
      await removeWorktree(input.repoPath, input.worktree, { mode: 'force', ifPresent: true }).catch(() => undefined);
      if (tip === null) await deleteUnusedBranch(input.repoPath, input.branch, head).catch(() => undefined);
      throw error;
    }
  });
}

async function captureState(input: ArchiveInput, owned: OwnedWorktree, tip: string | null): Promise<Capture> {
  const keepUnless = (head: string, ...commits: (string | null | undefined)[]) => [
    ...new Set(commits.filter((commit): commit is string => !!commit && commit !== head)),
  ];
  switch (owned.kind) {
    case 'present': {
      const { gitDir, head, headTree } = await worktreeState(owned.path);
      const indexTree = await stagedTree(owned.path, headTree);
      return { head, indexTree, worktreeTree: await snapshotTree(owned.path, gitDir), keep: keepUnless(head, tip) };
    }
    case 'missing': {
      const head = tip ?? owned.entry?.head ?? null;
      if (head === null) {
        throw new EngineError(
          'notFound',
          `Task ${input.taskId} has neither a worktree folder nor a branch ${input.branch}; there is nothing to archive.`,
        );
      }
      const tree = await treeOf(input.repoPath, head);
      return { head, indexTree: tree, worktreeTree: tree, keep: keepUnless(head, owned.entry?.head) };
    }
    default: {
      const never: never = owned;
      throw new Error(`unknown ownership ${String(never)}`);
    }
  }
}

/**
 * The worktree's real index as a tree; HEAD's tree while a merge conflict is unresolved (write-tree refuses), whose
 * files the snapshot still keeps.
 */
async function stagedTree(worktree: string, headTree: string): Promise<string> {
  try {
    return (
      await git({ name: 'archive.writeIndex', cwd: worktree, args: [...engineSafeConfig, 'write-tree'] })
    ).stdout.trim();
  } catch (error) {
    if (error instanceof GitError && /unmerged/i.test(error.stderr)) return headTree;
    throw error;
  }
}

function archiveMessage(input: ArchiveInput, path: string): string {
  return [
    `flotilla archive: task ${input.taskId} on ${input.branch}`,
    '',
    `Flotilla-Task: ${input.taskId}`,
    `Flotilla-Branch: ${input.branch}`,
    `Flotilla-Worktree: ${path}`,
  ].join('\n');
}

/** Points the archive ref at `commit`; an earlier archive of the same task moves aside in the same transaction. */
async function storeArchive(repoPath: string, ref: string, commit: string, taskId: string): Promise<void> {
  const previous = await resolveCommit(repoPath, ref);
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const input =
    previous === null
      ? `create ${ref} ${commit}\n`
      : `create ${ref}-${stamp} ${previous}\nupdate ${ref} ${commit} ${previous}\n`;
  await git({
    name: 'archive.updateRef',
    cwd: repoPath,
    args: ['update-ref', '-m', `flotilla: archive task ${taskId}`, '--stdin'],
    input,
  });
}

/** Refuses to delete anything when the agent moved HEAD or the branch while the snapshot was taken. */
async function assertUnchanged(
  input: ArchiveInput,
  owned: OwnedWorktree,
  tip: string | null,
  head: string,
): Promise<void> {
  const [tipNow, headNow] = await Promise.all([
    branchTip(input.repoPath, input.branch),
    owned.kind === 'present' ? headCommit(owned.path) : head,
  ]);
  const moved = tipNow !== tip || headNow !== head;
  if (moved) {
    throw new EngineError(
      'taskBusy',
      `Task ${input.taskId} changed while it was being archived; stop its agent and discard it again.`,
    );
  }
}

/**
 * Deletes the task branch unless it moved or another worktree has it checked out (then it is the user's to keep:
 * `git branch -D` itself refuses a branch checked out anywhere, which deleteBranch answers with false).
 */
async function deleteUnusedBranch(repoPath: string, branch: string, expected: string | null): Promise<void> {
  const tip = await branchTip(repoPath, branch);
  if (tip === null || tip !== expected) return;
  await deleteBranch(repoPath, branch);
}

function assertBranchName(branch: string): void {
  if (!isBranchName(branch))
    throw new EngineError('invalidInput', `"${branch}" is not a valid branch name; pick another one.`);
}

async function parentsOf(repoPath: string, commit: string): Promise<string[]> {
  const out = await git({
    name: 'rev-list.parents',
    cwd: repoPath,
    args: ['rev-list', '--parents', '-n', '1', commit],
    readOnly: true,
  });
  return out.stdout.trim().split(' ').slice(1);
}
