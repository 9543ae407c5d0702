import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EngineContext, RepoEntry } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { branchExists, branchNames, branchTip } from '../git/refs.js';
import { addWorktree } from '../git/worktree-add.js';
import { listWorktrees } from '../git/worktree-list.js';
import { pruneWorktrees, unlockWorktree } from '../git/worktree-prune.js';
import { rollbackWorktree } from './prepare-worktree.js';
import { isInside } from './paths.js';
import { finishInterruptedVerify } from '../verify/reconcile-verify.js';
import { stoppedVerifyStatus } from '../verify/verify-messages.js';
import { checkpointTurn } from './run-turn.js';
import type { TaskRecord } from './task-record.js';

/**
 * Brings stored tasks in line with reality at start-up: tasks that were running become
 * `interrupted` (their loose work checkpointed), half-made worktrees are rolled back and
 * re-queued, worktrees deleted behind Flotilla's back are recreated from their branch, stale
 * locks and prunable entries are cleaned, and orphan branches are reported. Every finding is
 * written into the affected thread (or the engine's notices).
 */
export async function reconcile(context: EngineContext): Promise<void> {
  // When each task last did anything, before this check records its own findings in the threads.
  const lastActive = new Map(context.store.all().map((record) => [record.task.id, record.task.updatedAt]));
  for (const entry of context.config.repos.values()) {
    if (!existsSync(entry.repo.path)) {
      context.notices.push(
        `The folder of repository ${entry.repo.name} (${entry.repo.path}) is missing. Restore it or remove the repository.`,
      );
      continue;
    }
    try {
      await reconcileRepo(context, entry, lastActive);
    } catch (error) {
      context.notices.push(`Could not check repository ${entry.repo.name}: ${toErrorData(error).message}`);
    }
  }
}

async function reconcileRepo(
  context: EngineContext,
  entry: RepoEntry,
  lastActive: ReadonlyMap<string, string>,
): Promise<void> {
  const records = context.store.all().filter((record) => record.task.repoId === entry.repo.id);
  const before = await listWorktrees(entry.repo.path);
  const prunable = before.filter((worktree) => worktree.prunable);
  if (prunable.length > 0) {
    await pruneWorktrees(entry.repo.path);
    for (const worktree of prunable) {
      const owner = records.find((record) => resolve(record.task.worktreePath) === resolve(worktree.path));
      const message = `Pruned a stale git worktree entry for ${worktree.path}${worktree.prunableReason ? ` (${worktree.prunableReason})` : ''}.`;
      if (owner) context.store.record(owner.task.id, { type: 'notice', level: 'warning', message });
      else context.notices.push(message);
    }
  }
  for (const worktree of before) {
    if (!worktree.locked || !isInside(context.worktreesRoot, worktree.path)) continue;
    await unlockWorktree(entry.repo.path, worktree.path);
    const owner = records.find((record) => resolve(record.task.worktreePath) === resolve(worktree.path));
    const message = `Unlocked the git worktree ${worktree.path}${worktree.lockedReason ? ` (locked: ${worktree.lockedReason})` : ''}: Flotilla does not lock task worktrees, and a lock stops it from repairing one.`;
    if (owner) context.store.record(owner.task.id, { type: 'notice', level: 'warning', message });
    else context.notices.push(message);
  }
  for (const record of records) {
    try {
      await reconcileTask(context, entry, record, lastActive.get(record.task.id) ?? record.task.updatedAt);
    } catch (error) {
      context.store.record(record.task.id, {
        type: 'notice',
        level: 'warning',
        message: `Start-up check failed: ${toErrorData(error).message}`,
      });
    }
  }
  const known = new Set(records.map((record) => record.task.branch));
  for (const branch of await branchNames(entry.repo.path, 'flotilla/')) {
    if (known.has(branch)) continue;
    context.notices.push(
      `Branch ${branch} in ${entry.repo.name} belongs to no Flotilla task; it was left as is. Delete it with \`git branch -D ${branch}\` if you don't need it.`,
    );
  }
}

async function reconcileTask(
  context: EngineContext,
  entry: RepoEntry,
  record: TaskRecord,
  lastActive: string,
): Promise<void> {
  const { task } = record;
  const taskId = task.id;
  const stoppedCheck = finishInterruptedVerify(context, record);
  if (task.status === 'preparing') {
    const tip = await branchTip(entry.repo.path, task.branch);
    const keepBranch = tip !== null && tip !== task.baseCommit;
    await rollbackWorktree({
      repoPath: entry.repo.path,
      commonDir: entry.commonDir,
      worktreesRoot: context.worktreesRoot,
      worktree: task.worktreePath,
      branch: task.branch,
      deleteBranch: !keepBranch,
    });
    context.store.record(taskId, {
      type: 'notice',
      level: 'warning',
      message: 'The engine stopped while this worktree was being created; rolled it back and queued the task again.',
    });
    context.store.setStatus(taskId, 'queued');
    return;
  }
  if (!task.hasWorktree || task.status === 'discarded') return;
  if (!existsSync(task.worktreePath)) await recreateWorktree(context, entry, record);
  if (!existsSync(task.worktreePath)) return;
  removeStaleIndexLock(context, record);
  if (task.status === 'running' || task.status === 'awaitingApproval') {
    await checkpointTurn(context, record, 'flotilla: checkpoint after interruption');
    // The checks run after the turn has ended: then only they were cut short, and the turn stays ended as it was.
    if (stoppedCheck && task.turnStartedAt === null) {
      context.store.setStatus(taskId, 'interrupted', stoppedVerifyStatus(stoppedCheck, 'interrupted'));
      return;
    }
    // The agent stopped working when the engine did, not now: its time ends at the turn's last event.
    const workMs =
      task.turnStartedAt === null ? 0 : Math.max(0, Date.parse(lastActive) - Date.parse(task.turnStartedAt));
    context.store.record(taskId, {
      type: 'turn.ended',
      turn: task.turns,
      reason: 'interrupted',
      message: 'The engine stopped during this turn.',
      workMs: Number.isFinite(workMs) ? workMs : 0,
    });
    context.store.setStatus(
      taskId,
      'interrupted',
      'The engine stopped while this task was running. Its history and worktree are kept; send a message to resume.',
    );
  }
}

async function recreateWorktree(context: EngineContext, entry: RepoEntry, record: TaskRecord): Promise<void> {
  const { task } = record;
  await pruneWorktrees(entry.repo.path);
  if (!(await branchExists(entry.repo.path, task.branch))) {
    context.store.record(task.id, {
      type: 'notice',
      level: 'warning',
      message: `The worktree ${task.worktreePath} and the branch ${task.branch} were deleted outside Flotilla; there is nothing left to recover.`,
    });
    context.store.setStatus(task.id, 'failed', 'Its worktree and branch were deleted outside Flotilla.');
    return;
  }
  await addWorktree({
    repoPath: entry.repo.path,
    path: task.worktreePath,
    target: { kind: 'existing', branch: task.branch },
    checkout: true,
  });
  context.store.record(task.id, {
    type: 'notice',
    level: 'warning',
    message: `The worktree folder was deleted outside Flotilla. Recreated it from branch ${task.branch}; changes that were never checkpointed are gone.`,
  });
}

function removeStaleIndexLock(context: EngineContext, record: TaskRecord): void {
  const pointer = join(record.task.worktreePath, '.git');
  let gitDir: string;
  try {
    if (!statSync(pointer).isFile()) return;
    gitDir = resolve(
      record.task.worktreePath,
      readFileSync(pointer, 'utf8')
        .replace(/^gitdir:\s*/, '')
        .trim(),
    );
  } catch {
    return;
  }
  const lock = join(gitDir, 'index.lock');
  if (!existsSync(lock)) return;
  // The engine holds the home lock, so no git process of ours can still own this file.
  rmSync(lock, { force: true });
  context.store.record(record.task.id, {
    type: 'notice',
    level: 'warning',
    message: 'Removed a stale git index lock left in the worktree by a process that died.',
  });
}
