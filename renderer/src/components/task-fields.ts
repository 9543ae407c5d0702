import { useShallow } from '../store/use-shallow.js';
import { budgetReached } from '../../../shared/budget.js';
import { otherAttemptMerged } from '../../../shared/sibling-attempts.js';
import type { Task } from '../../../shared/task.js';
import type { Overlap } from '../../../shared/overlap.js';
import { overlapView } from './overlap-view.js';
import { useStore } from '../store/store.js';
import { formatCost } from './format.js';
import { retriesFor, verifyView, type VerifyView } from './verify-status.js';

/**
 * What a sidebar row or an overview card shows of a task. Every streamed event gives the task a
 * new `updatedAt` (so a new object); picking only these fields, compared one by one, keeps a row
 * or card from re-rendering when nothing it shows changed.
 */
export interface TaskFields {
  id: string;
  title: string;
  prompt: string;
  repoId: string;
  agent: string;
  status: Task['status'];
  phase: Task['phase'];
  createdAt: string;
  /** The agent's working time over ended turns, and when the running turn started (null when none runs). */
  workMs: number;
  turnStartedAt: string | null;
  /** The cost as shown ("$0.42"), so cost updates below a cent change nothing. */
  cost: string;
  sandbox: Task['sandbox'];
  turns: number;
  /** True once the task's usage has reached one of its budgets (its agent was stopped there). */
  overBudget: boolean;
  /** Files and lines changed against the base as last counted, flattened so rows compare them one by one. */
  changedFiles: number | null;
  additions: number;
  deletions: number;
  /** True when another attempt of the prompt was merged and this one was left as it was. */
  otherAttemptMerged: boolean;
  archived: boolean;
  /** Where its checks stand, flattened: null before any ran. */
  verifyState: VerifyView['state'] | null;
  verifyLabel: string;
  verifyTitle: string;
  /** The automation that started it ("by review"), and why it fired; null for a task a person started. */
  automationName: string | null;
  automationReason: string;
  /** Other open tasks on its base that change the same files (see OverlapBadge). */
  overlapLabel: string;
  overlapTitle: string;
  overlapConflicts: boolean;
}

/** The shown fields of a task, or null when there is none; `repoRetries` is its repository's verify retries. */
export function taskFields(task: Task | undefined, repoRetries?: number): TaskFields | null {
  if (!task) return null;
  const verify = verifyView(task, retriesFor(task, repoRetries));
  return {
    id: task.id,
    title: task.title,
    prompt: task.prompt,
    repoId: task.repoId,
    agent: task.agent,
    status: task.status,
    phase: task.phase,
    createdAt: task.createdAt,
    workMs: task.workMs,
    turnStartedAt: task.turnStartedAt,
    cost: formatCost(task.usage.costUsd),
    sandbox: task.sandbox,
    turns: task.turns,
    overBudget: budgetReached(task) !== null,
    changedFiles: task.changes?.files ?? null,
    additions: task.changes?.additions ?? 0,
    deletions: task.changes?.deletions ?? 0,
    otherAttemptMerged: otherAttemptMerged(task),
    archived: task.archived,
    verifyState: verify?.state ?? null,
    verifyLabel: verify?.label ?? '',
    verifyTitle: verify?.title ?? '',
    automationName: task.automation?.name ?? null,
    automationReason: task.automation?.reason ?? '',
    ...overlapFields(task.overlaps),
  };
}

// Tasks are replaced, never changed, so their fields are worked out once per task object: a streamed event re-runs
// every row's and card's selector, and all but the one for the task it changed get the fields they had.
const known = new WeakMap<Task, { retries: number | undefined; fields: TaskFields }>();

/** A task's shown fields from the store; re-renders only when one of them changes. */
export function useTaskFields(taskId: string): TaskFields | null {
  return useStore(
    useShallow((state) => {
      const task = state.tasks[taskId];
      if (!task) return null;
      const retries = state.repos.find((repo) => repo.id === task.repoId)?.settings.verifyRetries;
      const found = known.get(task);
      if (found && found.retries === retries) return found.fields;
      const fields = taskFields(task, retries) as TaskFields;
      known.set(task, { retries, fields });
      return fields;
    }),
  );
}

/** The overlap badge's fields, flattened. */
function overlapFields(
  overlaps: readonly Overlap[],
): Pick<TaskFields, 'overlapLabel' | 'overlapTitle' | 'overlapConflicts'> {
  const view = overlapView(overlaps);
  return { overlapLabel: view.label, overlapTitle: view.title, overlapConflicts: view.conflicts };
}
