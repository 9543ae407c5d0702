import type { ThreadEvent, ThreadEventOf } from './events.js';
import { emptyUsage, type ChangeCount, type Task, type UsageTotals } from './task.js';

/**
 * Folds one thread event into a task's summary. The engine rebuilds its index with it and
 * the renderer projects live state with it, so both always agree.
 */
export function reduceTask(task: Task | null, event: ThreadEvent): Task | null {
  if (event.type === 'task.created') return { ...event.task, updatedAt: event.at };
  if (!task) return null;
  const next: Task = { ...task, updatedAt: event.at };
  switch (event.type) {
    case 'status.changed':
      next.status = event.status;
      if (event.status === 'failed' && event.message) next.lastError = event.message;
      if (event.status !== 'preparing') next.phase = null;
      return next;
    case 'phase.changed':
      next.phase = event.state === 'finished' && event.phase === 'ready' ? null : event.phase;
      if (event.phase === 'addWorktree' && event.state === 'finished') next.hasWorktree = true;
      if (event.phase === 'ready' && event.state === 'finished') next.hasWorktree = true;
      // A failed phase rolls the whole worktree back.
      if (event.state === 'failed') next.hasWorktree = false;
      return next;
    case 'turn.started':
      next.turns = Math.max(next.turns, event.turn);
      next.turnStartedAt = event.at;
      return next;
    case 'turn.ended':
      next.workMs += event.workMs ?? spanMs(next.turnStartedAt, event.at);
      next.turnStartedAt = null;
      return next;
    case 'usage':
      next.usage = addUsage(next.usage, event);
      return next;
    case 'base.merged':
      next.conflictFiles = event.conflicts;
      return movedTo(next, event);
    case 'checkpoint':
    case 'branch.rolledBack':
      return movedTo(next, event);
    case 'user.message':
      // The person's own message starts a new round of retries.
      if ((event.origin ?? 'user') === 'user') next.verifyRetry = 0;
      return next;
    case 'verify.started':
      next.verifying = true;
      next.verifyRetry = event.retry;
      return next;
    case 'verify.finished':
      next.verifying = false;
      next.lastVerify = event.result;
      // A failure going back to the agent starts the retry turn: the task shows "retry N of M" while it runs.
      if (event.willRetry) next.verifyRetry = event.retry + 1;
      return next;
    case 'error':
    case 'ranking.changed':
    case 'group.stopped':
    case 'merged':
    case 'pushed':
    case 'pullRequest.changed':
    case 'sibling.merged':
    case 'changes.counted':
    case 'discarded':
    case 'restored':
    case 'worktree.removed':
    case 'sandbox.detected':
    case 'budget.changed':
    case 'task.renamed':
    case 'task.archived':
    case 'overlaps.changed':
      return { ...next, ...patch(event) };
    case 'approval.requested':
    case 'approval.resolved':
    case 'context.compacted':
    case 'message.cancelled':
    case 'phase.output':
    case 'agent.text':
    case 'agent.reasoning':
    case 'tool.started':
    case 'tool.output':
    case 'tool.finished':
    case 'notice':
    case 'verify.output':
      return next;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** Events that only set fields of the summary, and which fields each sets. */
type PatchEvent =
  | 'error'
  | 'ranking.changed'
  | 'group.stopped'
  | 'merged'
  | 'pushed'
  | 'pullRequest.changed'
  | 'sibling.merged'
  | 'changes.counted'
  | 'discarded'
  | 'restored'
  | 'worktree.removed'
  | 'sandbox.detected'
  | 'budget.changed'
  | 'task.renamed'
  | 'task.archived'
  | 'overlaps.changed';
const patches: { [T in PatchEvent]: (event: ThreadEventOf<T>) => Partial<Task> } = {
  error: (event) => ({ lastError: event.message }),
  'ranking.changed': (event) => ({ ranking: event.ranking }),
  'group.stopped': (event) => ({ groupStoppedBy: event.message }),
  merged: (event) => ({ mergedCommit: event.commit, mergedInto: event.into }),
  pushed: (event) => ({ pushed: event.pushed }),
  'pullRequest.changed': (event) => ({ pullRequest: event.pullRequest }),
  'sibling.merged': (event) => ({ mergedSibling: { taskId: event.siblingId, into: event.into, commit: event.commit } }),
  'changes.counted': (event) => ({ changes: event.changes }),
  discarded: (event) => ({ archiveRef: event.archiveRef, hasWorktree: false }),
  restored: (event) => ({ hasWorktree: true, branch: event.branch, worktreePath: event.worktreePath }),
  'worktree.removed': () => ({ hasWorktree: false }),
  'sandbox.detected': (event) => ({ sandbox: event.sandbox }),
  'budget.changed': (event) => ({ tokenBudget: event.tokenBudget, costBudgetUsd: event.costBudgetUsd }),
  'task.renamed': (event) => ({ title: event.title }),
  'task.archived': (event) => ({ archived: event.archived }),
  'overlaps.changed': (event) => ({ overlaps: event.overlaps }),
};

function patch(event: ThreadEventOf<PatchEvent>): Partial<Task> {
  // The table is keyed by the event's own type, so the entry fits the event.
  return (patches[event.type] as (event: ThreadEventOf<PatchEvent>) => Partial<Task>)(event);
}

/** The task's branch moved to a new commit, with its change count when the event carries one. */
function movedTo(next: Task, event: { commit: string; changes?: ChangeCount | undefined }): Task {
  next.lastCommit = event.commit;
  if (event.changes) next.changes = event.changes;
  return next;
}

/** Usage totals with one model call's usage added. */
function addUsage(totals: UsageTotals, call: UsageTotals): UsageTotals {
  const sum = { ...totals };
  for (const key of Object.keys(emptyUsage) as (keyof UsageTotals)[]) sum[key] = totals[key] + call[key];
  return sum;
}

/** Milliseconds from one ISO time to another; 0 when the start is unknown or after the end. */
function spanMs(fromIso: string | null, toIso: string): number {
  if (fromIso === null) return 0;
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Number.isFinite(ms) ? Math.max(0, ms) : 0;
}
