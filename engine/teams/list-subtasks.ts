import { formatUsd } from '../../shared/format-money.js';
import { describeChanges, isActive, type Task } from '../../shared/task.js';
import { verifyLabel, verifyState } from '../../shared/verify.js';
import type { EngineContext } from '../engine-context.js';
import { requireLead, subtasksOf, teamBudgetLeft } from './team-members.js';

/** A lead's view of its team: its subtasks and what is left of the team's budget. */
export interface TeamView {
  subtasks: Task[];
  budgetLeft: { usd: number | null; tokens: number | null };
}

/** The lead's subtasks, oldest first, and the team budget left. */
export function listSubtasks(context: EngineContext, leadId: string): TeamView {
  const lead = requireLead(context, leadId, 'list subtasks');
  return {
    subtasks: subtasksOf(context, leadId).map((record) => record.task),
    budgetLeft: teamBudgetLeft(context, lead.task),
  };
}

/** True while a subtask's agent is working, or a message waits for it (not finished for now). */
export function isWorking(context: EngineContext, task: Task): boolean {
  return isActive(task.status) || context.runner.isBusy(task.id) || context.runner.waitingCount(task.id) > 0;
}

/** The team as the lead's agent reads it: one line per subtask, then the budget left. */
export function describeTeam(context: EngineContext, view: TeamView): string {
  const lines = view.subtasks.map((task) => {
    const verify = verifyLabel(verifyState(task));
    const facts = [
      isWorking(context, task) && !isActive(task.status) ? 'running' : task.status,
      task.changes ? describeChanges(task.changes) : null,
      verify ? `verify ${verify}` : null,
      `spent ${formatUsd(task.usage.costUsd)}`,
    ].filter((fact) => fact !== null);
    return `- ${task.id} "${task.title}" on ${task.branch}: ${facts.join(', ')}`;
  });
  const { usd, tokens } = view.budgetLeft;
  const budget = [
    usd === null ? null : `${formatUsd(usd)} left`,
    tokens === null ? null : `${tokens} tokens left`,
  ].filter((part) => part !== null);
  return [
    lines.length > 0 ? `Subtasks:\n${lines.join('\n')}` : 'No subtasks yet; start one with spawn_subtask.',
    `Team budget: ${budget.length > 0 ? budget.join(', ') : 'no limit'}.`,
  ].join('\n');
}
