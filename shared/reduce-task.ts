import type { ThreadEvent } from './events.js';
import type { Task } from './task.js';

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
      next.usage = {
        inputTokens: next.usage.inputTokens + event.inputTokens,
        outputTokens: next.usage.outputTokens + event.outputTokens,
        cacheReadTokens: next.usage.cacheReadTokens + event.cacheReadTokens,
        cacheWriteTokens: next.usage.cacheWriteTokens + event.cacheWriteTokens,
        reasoningTokens: next.usage.reasoningTokens + event.reasoningTokens,
        costUsd: next.usage.costUsd + event.costUsd,
      };
      return next;
    case 'error':
      next.lastError = event.message;
      return next;
    case 'merged':
      next.mergedCommit = event.commit;
      next.mergedInto = event.into;
      return next;
    case 'pushed':
      next.pushed = event.pushed;
      return next;
    case 'sibling.merged':
      next.mergedSibling = { taskId: event.siblingId, into: event.into, commit: event.commit };
      return next;
    case 'base.merged':
      next.conflictFiles = event.conflicts;
      next.lastCommit = event.commit;
      if (event.changes) next.changes = event.changes;
      return next;
    case 'checkpoint':
      next.lastCommit = event.commit;
      if (event.changes) next.changes = event.changes;
      return next;
    case 'branch.rolledBack':
      next.lastCommit = event.commit;
      if (event.changes) next.changes = event.changes;
      return next;
    case 'changes.counted':
      next.changes = event.changes;
      return next;
    case 'discarded':
      next.archiveRef = event.archiveRef;
      next.hasWorktree = false;
      return next;
    case 'restored':
      next.hasWorktree = true;
      next.branch = event.branch;
      next.worktreePath = event.worktreePath;
      return next;
    case 'worktree.removed':
      next.hasWorktree = false;
      return next;
    case 'sandbox.detected':
      next.sandbox = event.sandbox;
      return next;
    case 'budget.changed':
      next.tokenBudget = event.tokenBudget;
      next.costBudgetUsd = event.costBudgetUsd;
      return next;
    case 'task.renamed':
      next.title = event.title;
      return next;
    case 'task.archived':
      next.archived = event.archived;
      return next;
    case 'approval.requested':
    case 'approval.resolved':
    case 'context.compacted':
    case 'user.message':
    case 'message.cancelled':
    case 'phase.output':
    case 'agent.text':
    case 'agent.reasoning':
    case 'tool.started':
    case 'tool.output':
    case 'tool.finished':
    case 'notice':
      return next;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** Milliseconds from one ISO time to another; 0 when the start is unknown or after the end. */
function spanMs(fromIso: string | null, toIso: string): number {
  if (fromIso === null) return 0;
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Number.isFinite(ms) ? Math.max(0, ms) : 0;
}
