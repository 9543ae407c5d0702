import type { AutomationRun, InboxState } from '../../shared/automation.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import type { AutomationStore } from './automation-store.js';
import { runIsActive } from './run-limits.js';
import { runOutcome } from './run-outcome.js';

/**
 * Puts every started run whose tasks have all finished into the inbox (unread) or the archive, once; returns the
 * runs it changed. Runs that finished while no engine was up are settled at the next start.
 */
export function settleRuns(
  context: EngineContext,
  store: AutomationStore,
  automationId: string | null,
): AutomationRun[] {
  const settled: AutomationRun[] = [];
  for (const run of store.listRuns(automationId, Number.MAX_SAFE_INTEGER)) {
    if (run.state !== 'started' || run.inbox !== null || runIsActive(context, run)) continue;
    const next = { ...run, ...runOutcome(context, run) };
    store.recordRun(next);
    settled.push(next);
  }
  return settled;
}

/** Inbox runs, newest first: unread and read ones (archived too with `all`), and how many are unread. */
export function inboxRuns(store: AutomationStore, all: boolean): { runs: AutomationRun[]; unread: number } {
  const runs = store
    .listRuns(null, Number.MAX_SAFE_INTEGER)
    .filter((run) => run.inbox !== null && (all || run.inbox !== 'archived'));
  return { runs, unread: runs.filter((run) => run.inbox === 'unread').length };
}

/** The run a person means by its id, or by the id (or a unique prefix) of a task it started. */
export function findInboxRun(store: AutomationStore, reference: string): AutomationRun {
  const runs = store.listRuns(null, Number.MAX_SAFE_INTEGER);
  const found =
    runs.find((run) => run.id === reference) ??
    runs.find((run) => run.taskIds.includes(reference)) ??
    unique(runs.filter((run) => run.taskIds.some((id) => id.startsWith(reference))));
  if (!found)
    throw new EngineError('notFound', `No automation run or run task matches "${reference}". See \`flotilla inbox\`.`);
  return found;
}

/** Marks a run read, unread or archived; a run still working cannot be marked yet. */
export function markRun(store: AutomationStore, run: AutomationRun, state: InboxState): AutomationRun {
  if (run.inbox === null)
    throw new EngineError(
      'invalidInput',
      run.state === 'started'
        ? 'This run is still working; it reaches the inbox when its tasks finish.'
        : `This run ${run.state === 'queued' ? 'waits for a slot' : `was ${run.state}`}; it started no task to look at.`,
    );
  const next = { ...run, inbox: state };
  store.recordRun(next);
  return next;
}

function unique(runs: AutomationRun[]): AutomationRun | undefined {
  return runs.length === 1 ? runs[0] : undefined;
}
