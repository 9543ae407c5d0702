import type { MergeQueue, QueueEntry } from '../../shared/merge-queue.js';
import { isActive } from '../../shared/task.js';
import { describeVerify } from '../../shared/verify.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError, toErrorData } from '../errors.js';
import { branchTip } from '../git/refs.js';
import { bringInTaskBase } from '../tasks/bring-in-base.js';
import { mergeTaskBranch } from '../tasks/merge-task.js';
import { verifyTaskNow } from '../verify/request-verify.js';
import { verifyPlanFor } from '../verify/verify-settings.js';

/** What an entry's turn ended in: take the next entry, wait (for the agent), or stop the queue for now. */
export type TurnEnd = 'next' | 'wait' | 'stop';

/** How a turn reports on its entry; false when the entry left the queue (removed by the user) meanwhile. */
export type EntryUpdate = (patch: Partial<QueueEntry>) => boolean;

/** What a turn needs besides the engine: its queue, how to update the entry, and whether the engine is closing. */
export interface TurnInput {
  queue: MergeQueue;
  entry: QueueEntry;
  update: EntryUpdate;
  /** Sets every open entry of the queue aside with the reason (the base branch is gone). */
  setAllAside: (reason: string) => void;
  closing: () => boolean;
}

/** Rounds after which an entry whose base keeps moving under it is set aside rather than tried forever. */
const maxRounds = 20;

/**
 * One entry's turn: bring the base in (conflicts to the agent or set aside, per the queue), verify the updated tip when
 * a verify command is set, and merge by compare-and-swap against the base commit it was brought up to date with; a
 * base that moved meanwhile sends it round again. A failure sets the entry aside with the reason.
 */
export async function takeTurn(context: EngineContext, input: TurnInput): Promise<TurnEnd> {
  const { queue, entry, update } = input;
  const setAside = (reason: string): TurnEnd => (update({ state: 'setAside', reason }), 'next');
  const record = context.store.get(entry.taskId);
  if (!record) return setAside(`Task ${entry.taskId} no longer exists.`);
  const task = record.task;
  if (task.status === 'discarded')
    return setAside(`Task ${task.id} was discarded. Restore it (\`flotilla restore ${task.id}\`) and queue it again.`);
  // Merged before the queue could record it (the engine stopped in between), or by hand while it waited.
  if (task.status === 'merged' && task.mergedInto === queue.base) {
    const reason = entry.rounds > 0 ? null : 'Merged outside the queue.';
    update({ state: 'merged', reason, mergedCommit: task.mergedCommit });
    return 'next';
  }
  if (isActive(task.status) || context.runner.isBusy(task.id)) {
    update({ reason: entry.reason ?? `Waiting for the agent's turn to end.` });
    return 'wait';
  }
  if (task.status !== 'done') {
    return setAside(
      `Task ${task.id} is ${task.status}${task.lastError ? `: ${task.lastError}` : ''}. Send it a message to finish the work, then queue it again.`,
    );
  }
  const entryRepo = context.config.repos.get(task.repoId);
  if (!entryRepo) return setAside(`The repository of task ${task.id} was removed from Flotilla.`);
  const repoPath = entryRepo.repo.path;
  if (entry.rounds >= maxRounds)
    return setAside(`${queue.base} kept moving: it was brought up to date ${entry.rounds} times. Queue it again.`);
  try {
    const before = await branchTip(repoPath, queue.base);
    if (!before) {
      input.setAllAside(
        `The base branch ${queue.base} was deleted, so nothing can merge into it. Recreate the branch and queue the tasks again, or merge them into another branch.`,
      );
      return 'stop';
    }
    if (!update({ state: 'updating', reason: null, rounds: entry.rounds + 1 })) return 'next';
    const byHand = queue.onConflict === 'wait';
    const brought = await bringInTaskBase(context, { taskId: task.id, base: queue.base, byHand });
    if (brought.outcome === 'conflicts') {
      const files = brought.conflicts.join(', ');
      if (byHand) {
        return setAside(
          `Bringing in ${queue.base} conflicts in ${files}. Resolve the conflicts in the task's worktree (or send its agent a message), then queue it again.`,
        );
      }
      update({ reason: `The agent is resolving conflicts with ${queue.base} in ${files}.` });
      return 'wait';
    }
    const plan = verifyPlanFor(record.task, entryRepo.repo.settings);
    if (plan.command !== null) {
      if (!update({ state: 'verifying', reason: null })) return 'next';
      const { result } = await verifyTaskNow(context, task.id);
      if (input.closing()) {
        // The shutdown stopped the queue's own check, not the agent's work: the task stays done and is checked again.
        if (result.outcome === 'stopped') context.store.setStatus(task.id, 'done');
        return 'stop';
      }
      if (result.outcome !== 'passed')
        return setAside(
          `Verify did not pass on the updated branch: ${describeVerify(result)}. Send the task a message to fix it, then queue it again.`,
        );
    }
    if (!update({ state: 'merging', reason: null })) return 'next';
    // Compare-and-swap: the merge happens only if the base is still the tip this branch was brought up to date with.
    const merged = await mergeTaskBranch(context, { taskId: task.id, into: queue.base, intoCommit: before });
    update({ state: 'merged', reason: null, mergedCommit: merged.commit });
    return 'next';
  } catch (error) {
    if (input.closing()) return 'stop';
    const data = toErrorData(error);
    // The base moved between bringing it in and merging: go round again, so only work checked on the new tip merges.
    if (error instanceof EngineError && data.code === 'baseMoved') {
      update({ state: 'queued' });
      return 'next';
    }
    return setAside(data.message);
  }
}
