import { z } from 'zod';

/** Subtasks one lead may start, unless the engine is told otherwise. */
export const defaultMaxSubtasks = 6;

/**
 * A task's place in an agent team: the lead that plans and delegates, or a subtask of a lead (by its id). Subtasks
 * cannot start subtasks of their own (teams are one level deep).
 */
export const teamRoleSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('lead') }),
  z.object({ role: z.literal('subtask'), leadId: z.string() }),
]);
/** A task's place in its team. */
export type TeamRole = z.infer<typeof teamRoleSchema>;

/** The lead's id of a team task (its own id for the lead), or null outside any team. */
export function teamLeadId(task: { id: string; team: TeamRole | null }): string | null {
  if (task.team === null) return null;
  return task.team.role === 'lead' ? task.id : task.team.leadId;
}

/** The first line of a teammate's message as the receiving agent reads it: who sent it. */
export function teammateHeading(from: { id: string; title: string }): string {
  return `Message from teammate ${from.title} (task ${from.id}):`;
}

/** The team tools only a lead has: a subtask cannot start, wait for or merge subtasks. */
export const leadOnlyTools = ['spawn_subtask', 'list_subtasks', 'wait_for_subtasks', 'merge_subtask'] as const;

/**
 * What a subtask's agent is told when it calls a lead-only team tool (under any MCP prefix), instead of "unknown
 * tool"; null for any other name.
 */
export function leadOnlyRefusal(name: string): string | null {
  const bare = leadOnlyTools.find((tool) => name === tool || name.endsWith(`__${tool}`));
  if (!bare) return null;
  return (
    `${bare} is for the team lead only: teams are one level deep, so a subtask cannot start, wait for or merge ` +
    'subtasks. Do this part of the work yourself, or send_message the lead to ask it to split the work.'
  );
}
