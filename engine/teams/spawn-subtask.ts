import type { Task } from '../../shared/task.js';
import { defaultMaxSubtasks } from '../../shared/team.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { createTasks } from '../tasks/create-task.js';
import { checkpointTurn } from '../tasks/run-turn.js';
import { requireLead, subtasksOf, teamBudgetLeft } from './team-members.js';

/** What a lead asks for when it starts a subtask. */
export interface SubtaskRequest {
  title: string;
  prompt: string;
  /** An agent id; the lead's agent when left out. */
  agent?: string;
  /** A model; the lead's (for the lead's agent) or the agent's default when left out. */
  model?: string;
}

/**
 * Starts a subtask of a team lead: its own worktree and branch from the lead's branch as it is now (the lead's loose
 * work is checkpointed first, so the subtask sees it), its own thread, verify and recovery, queued under the
 * concurrency limit like any task. Refused for a subtask (one level deep), past the subtask limit, with an empty
 * prompt, or once the team's budget is spent.
 */
export async function spawnSubtask(context: EngineContext, leadId: string, request: SubtaskRequest): Promise<Task> {
  const lead = requireLead(context, leadId, 'start subtasks');
  const title = request.title.replace(/\s+/g, ' ').trim();
  const prompt = request.prompt.trim();
  if (!prompt)
    throw new EngineError(
      'invalidInput',
      'The subtask prompt is empty. Say what the subtask should do, then call again.',
    );
  const count = subtasksOf(context, leadId).length;
  if (count >= defaultMaxSubtasks)
    throw new EngineError(
      'invalidInput',
      `This team already has ${count} subtasks, the most a lead may start (${defaultMaxSubtasks}). Send more work to one of them with send_message, or do it yourself.`,
    );
  const left = teamBudgetLeft(context, lead.task);
  if (left.usd === 0 || left.tokens === 0)
    throw new EngineError(
      'budgetReached',
      "The team's budget is spent; no subtask can start. Finish with what you have, or ask the user to raise the lead's budget.",
    );
  await checkpointTurn(context, lead, 'flotilla: checkpoint before starting a subtask');
  const agent = request.agent ?? lead.task.agent;
  const model = request.model ?? (agent === lead.task.agent ? (lead.task.model ?? undefined) : undefined);
  const [task] = await createTasks(
    context,
    {
      repoId: lead.task.repoId,
      prompt,
      base: lead.task.branch,
      agent,
      ...(model ? { model } : {}),
      approvalMode: lead.task.approvalMode,
      allowNetwork: lead.task.allowNetwork,
      maxModelCalls: lead.task.maxModelCalls,
      // The subtask may spend what the team has left; the lead sees the rest in list_subtasks.
      costBudgetUsd: left.usd,
      ...(left.tokens !== null ? { tokenBudget: left.tokens } : {}),
    },
    null,
    leadId,
  );
  if (!task) throw new Error('createTasks returned no task');
  if (title && title !== task.title) context.store.record(task.id, { type: 'task.renamed', title });
  return context.store.require(task.id).task;
}
