import { totalTokens } from '../../shared/budget.js';
import type { Task } from '../../shared/task.js';
import { teamLeadId } from '../../shared/team.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import type { TaskRecord } from '../tasks/task-record.js';

/** The subtasks a lead started, oldest first. */
export function subtasksOf(context: EngineContext, leadId: string): TaskRecord[] {
  return context.store
    .all()
    .filter((record) => record.task.team?.role === 'subtask' && record.task.team.leadId === leadId)
    .sort((a, b) => a.task.createdAt.localeCompare(b.task.createdAt));
}

/** A task of an agent team, refused with what to do when it is in none. */
export function requireTeamTask(context: EngineContext, taskId: string): TaskRecord & { leadId: string } {
  const record = context.store.require(taskId);
  const leadId = teamLeadId(record.task);
  if (leadId === null)
    throw new EngineError(
      'notInTeam',
      `Task ${taskId} is not part of an agent team. Start it as a team lead (flotilla run --team) to use team tools.`,
    );
  return Object.assign(record, { leadId });
}

/** The lead of a team, refused when the caller is a subtask (teams are one level deep). */
export function requireLead(context: EngineContext, taskId: string, action: string): TaskRecord {
  const record = requireTeamTask(context, taskId);
  if (record.task.team?.role !== 'lead')
    throw new EngineError(
      'notInTeam',
      `Only the team's lead can ${action}; subtasks cannot (teams are one level deep). Ask the lead (task ${record.leadId}) with send_message, or do the work yourself.`,
    );
  return record;
}

/** A subtask of this lead, refused with the lead's subtask ids when it is not one. */
export function requireSubtaskOf(context: EngineContext, leadId: string, taskId: string): TaskRecord {
  const subtasks = subtasksOf(context, leadId);
  const found = subtasks.find((record) => record.task.id === taskId);
  if (!found)
    throw new EngineError(
      'notInTeam',
      `Task ${taskId} is not a subtask of this team. Its subtasks: ${subtasks.map((record) => record.task.id).join(', ') || 'none yet'} (see list_subtasks).`,
    );
  return found;
}

/** What the team has left of the lead's budgets: what the lead and every subtask spent, taken off the lead's budget. */
export function teamBudgetLeft(context: EngineContext, lead: Task): { usd: number | null; tokens: number | null } {
  const tasks = [lead, ...subtasksOf(context, lead.id).map((record) => record.task)];
  const usd = tasks.reduce((sum, task) => sum + task.usage.costUsd, 0);
  const tokens = tasks.reduce((sum, task) => sum + totalTokens(task.usage), 0);
  return {
    usd: lead.costBudgetUsd === null ? null : Math.max(0, lead.costBudgetUsd - usd),
    tokens: lead.tokenBudget === null ? null : Math.max(0, lead.tokenBudget - tokens),
  };
}
