import type { Automation, AutomationRun } from '../../shared/automation.js';
import { isActive } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { formatBudgetUsd as formatUsd } from '../../shared/budget.js';

/** The machine's local calendar day of a time, as YYYY-MM-DD: what "per day" limits count by. */
export function localDay(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Whether any task a run started is still queued or working. */
export function runIsActive(context: EngineContext, run: AutomationRun): boolean {
  return run.state === 'started' && run.taskIds.some((id) => isActive(context.store.get(id)?.task.status ?? 'done'));
}

/**
 * Why a new run of the automation may not start today (null when it may): its daily run count or its daily dollar
 * budget, counting the runs started today and what their tasks spent.
 */
export function dayLimitReason(
  context: EngineContext,
  automation: Automation,
  runs: readonly AutomationRun[],
  now: Date,
): string | null {
  const today = localDay(now);
  const started = runs.filter((run) => run.startedAt !== null && localDay(new Date(run.startedAt)) === today);
  const { maxRunsPerDay, maxUsdPerDay } = automation.limits;
  if (maxRunsPerDay !== null && started.length >= maxRunsPerDay)
    return `It already ran ${started.length} time${started.length === 1 ? '' : 's'} today (the limit is ${maxRunsPerDay} a day).`;
  if (maxUsdPerDay !== null) {
    const spent = started
      .flatMap((run) => run.taskIds)
      .reduce((sum, id) => sum + (context.store.get(id)?.task.usage.costUsd ?? 0), 0);
    if (spent >= maxUsdPerDay)
      return `Its runs spent ${formatUsd(spent)} today (the limit is ${formatUsd(maxUsdPerDay)} a day).`;
  }
  return null;
}
