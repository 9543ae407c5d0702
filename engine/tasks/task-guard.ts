import { existsSync } from 'node:fs';
import { isActive, type Task } from '../../shared/task.js';
import type { EngineContext, RepoEntry } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { assertFolder } from '../store/engine-config.js';
import { checkpointTurn } from './run-turn.js';
import type { TaskRecord } from './task-record.js';

/**
 * Which worktree the action needs:
 * - `review`: a live worktree (diff, merge, bring in the base, push); discarded and merged-and-removed tasks are told
 * how to get one back.
 * - `rollback`: a live worktree of a task that is not merged.
 * - `removable`: a merged task that still has its worktree.
 */
export type WorktreeNeed = 'review' | 'rollback' | 'removable';

/** What guardTask checks before an action on a task's worktree. */
export interface TaskGuardOptions {
  /** The action as refusals name it: "merge", "push", "roll back". */
  action: string;
  /** Which worktree the task must have. */
  worktree: WorktreeNeed;
  /** Refuse while the task runs, waits to run, or its job is between turns. */
  idle: boolean;
  /** Commits loose work with this message once every check passed; a function may refuse by throwing. */
  checkpoint?: string | ((task: Task) => string);
}

/** A task that passed the guard: its record, its repository (folder present) and its worktree folder. */
export interface GuardedTask {
  record: TaskRecord;
  entry: RepoEntry;
  worktree: string;
}

/**
 * The one sequence before acting on a task's worktree: the task exists, has the worktree the action
 * needs, is idle (when asked), its repository's folder is there, and its loose work is checkpointed.
 * Each refusal says what to do instead.
 */
export async function guardTask(
  context: EngineContext,
  taskId: string,
  options: TaskGuardOptions,
): Promise<GuardedTask> {
  const record = context.store.require(taskId);
  // A rollback names a busy task first; the review actions first say what is wrong with the worktree.
  if (options.worktree === 'rollback' && options.idle) requireIdle(context, record, options.action);
  const worktree = requireWorktree(record, options.worktree);
  if (options.worktree !== 'rollback' && options.idle) requireIdle(context, record, options.action);
  const entry = context.config.requireRepo(record.task.repoId);
  assertFolder(entry);
  const message = typeof options.checkpoint === 'function' ? options.checkpoint(record.task) : options.checkpoint;
  if (message !== undefined) await checkpointTurn(context, record, message);
  return { record, entry, worktree };
}

/** Refuses while the task runs or waits to run, naming the action to retry afterwards. */
export function requireIdle(context: EngineContext, record: TaskRecord, action: string): void {
  const { id, status } = record.task;
  if (isActive(status) || context.runner.isBusy(id)) {
    throw new EngineError('taskBusy', `Task ${id} is ${status}. Wait for its turn to end or stop it, then ${action}.`);
  }
}

/** The task's worktree folder when it has the one `need` asks for, or a refusal saying how to get it. */
export function requireWorktree(record: TaskRecord, need: WorktreeNeed): string {
  const { id, status, branch, hasWorktree, worktreePath } = record.task;
  switch (need) {
    case 'review':
      if (status === 'discarded')
        throw new EngineError(
          'taskDiscarded',
          `Task ${id} was discarded. Restore it first (\`flotilla restore ${id}\`).`,
        );
      if (status === 'merged' && !hasWorktree) {
        throw new EngineError(
          'noWorktree',
          `Task ${id} was merged and its worktree removed; its branch ${branch} is kept. Send the task a message to bring the worktree back and go on.`,
        );
      }
      if (!hasWorktree || !existsSync(worktreePath)) {
        throw new EngineError(
          'noWorktree',
          `Task ${id} has no worktree yet (status: ${status}). Wait for it to start, or send it a message to retry.`,
        );
      }
      return worktreePath;
    case 'rollback':
      if (status === 'discarded')
        throw new EngineError(
          'taskDiscarded',
          `Task ${id} was discarded. Restore it first (\`flotilla restore ${id}\`), then roll back.`,
        );
      if (status === 'merged') {
        throw new EngineError(
          'invalidInput',
          `Task ${id} is merged: rolling back its branch would not take anything out of ${record.task.baseBranch ?? 'its base'}. Send it a follow-up to go on from its branch, then roll back if you need to.`,
        );
      }
      if (!hasWorktree || !existsSync(worktreePath))
        throw new EngineError('noWorktree', `Task ${id} has no worktree to roll back (status: ${status}).`);
      return worktreePath;
    case 'removable':
      if (status !== 'merged') {
        throw new EngineError(
          'invalidInput',
          `Task ${id} is ${status}, not merged, so its worktree may hold work that exists nowhere else. Merge it first, or discard it to archive and remove the worktree.`,
        );
      }
      if (!hasWorktree)
        throw new EngineError(
          'noWorktree',
          `Task ${id} has no worktree to remove; its branch ${branch} keeps the work.`,
        );
      return worktreePath;
    default: {
      const unreachable: never = need;
      throw new Error(`Unknown worktree need ${String(unreachable)}`);
    }
  }
}
