import type { MergePreview } from '../../shared/diff.js';
import type { Task } from '../../shared/task.js';
import { unverifiedMergeMessage, verifyState } from '../../shared/verify.js';
import type { RepoEntry } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { headCommit } from '../git/refs.js';
import { hasChanges } from '../worktree/checkpoint.js';
import { verifyPlanFor } from './verify-settings.js';

/** The merge preview's checks: the command, whether the repository requires them, and where they stand for this tip. */
export async function mergeChecks(task: Task, entry: RepoEntry, worktree: string): Promise<MergePreview['checks']> {
  const plan = verifyPlanFor(task, entry.repo.settings);
  // Loose work is checkpointed by the merge, so a result on today's commit would be stale by then.
  const tip = (await hasChanges(worktree).catch(() => false)) ? 'uncommitted' : await tipOf(worktree, task);
  return {
    command: plan.command,
    required: plan.requirePassing,
    state: verifyState({ lastVerify: task.lastVerify, verifying: task.verifying, lastCommit: tip }),
    result: task.lastVerify,
  };
}

/**
 * Refuses a merge (code `unverified`, saying how to get a result or to force it) when the repository requires passing
 * checks, a verify command is set, and the task's last result is not a pass on the tip being merged (checkpointed).
 */
export async function requireVerifiedTip(
  task: Task,
  entry: RepoEntry,
  worktree: string,
  forceUnverified: boolean,
): Promise<void> {
  const plan = verifyPlanFor(task, entry.repo.settings);
  if (!plan.requirePassing || forceUnverified) return;
  const facts = {
    id: task.id,
    lastVerify: task.lastVerify,
    verifying: task.verifying,
    lastCommit: await tipOf(worktree, task),
  };
  if (verifyState(facts) === 'passed') return;
  throw new EngineError('unverified', unverifiedMergeMessage(facts));
}

async function tipOf(worktree: string, task: Task): Promise<string | null> {
  return headCommit(worktree).catch(() => task.lastCommit);
}
