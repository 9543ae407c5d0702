import { formatBudgetUsd } from '../../shared/budget.js';
import type { ThreadEvent } from '../../shared/events.js';
import { isActive } from '../../shared/task.js';
import { teamLeadId } from '../../shared/team.js';
import type { EngineContext } from '../engine-context.js';
import { subtasksOf, teamBudgetLeft } from './team-members.js';

/**
 * Keeps a team within its lead's budget, which the whole team shares: once what the lead and its subtasks spent
 * reaches it, every task of the team is stopped and each thread says why (once per budget the lead has).
 */
export class TeamBudgetWatcher {
  private readonly stopped = new Set<string>();

  constructor(private readonly context: () => EngineContext) {}

  /** Looks at one recorded event (called for every event the store records). */
  observe(event: ThreadEvent): void {
    if (event.type !== 'usage') return;
    const record = this.context().store.get(event.taskId);
    const leadId = record ? teamLeadId(record.task) : null;
    if (leadId === null) return;
    // Recorded inside the store's own record(); the stop records events of its own, so it runs after.
    queueMicrotask(() => void this.check(leadId));
  }

  private async check(leadId: string): Promise<void> {
    const context = this.context();
    const lead = context.store.get(leadId)?.task;
    if (!lead) return;
    const left = teamBudgetLeft(context, lead);
    if (left.usd !== 0 && left.tokens !== 0) return;
    const key = `${leadId}:${lead.costBudgetUsd}:${lead.tokenBudget}`;
    if (this.stopped.has(key)) return;
    this.stopped.add(key);
    const budget =
      left.usd === 0 && lead.costBudgetUsd !== null
        ? formatBudgetUsd(lead.costBudgetUsd)
        : `${lead.tokenBudget ?? 0} tokens`;
    const message = `The team's budget of ${budget} (the lead's, shared by the lead and its subtasks) was reached: every task of the team was stopped. Raise the lead's budget to go on.`;
    const team = [context.store.require(leadId), ...subtasksOf(context, leadId)];
    for (const record of team) context.store.record(record.task.id, { type: 'notice', level: 'warning', message });
    await Promise.all(
      team
        .filter((record) => isActive(record.task.status) || context.runner.hasJob(record.task.id))
        .map((record) => context.runner.stop(record.task.id)),
    ).catch((error: unknown) =>
      context.notices.push(`Team ${leadId}: stopping it at its budget failed: ${String(error)}`),
    );
  }
}
