import { z } from 'zod';
import type { Task } from '../../shared/task.js';
import { defineTool, success, type Tool } from '../agents/tools/tool.js';
import type { EngineContext } from '../engine-context.js';
import { describeTeam, listSubtasks } from './list-subtasks.js';
import { mergeSubtask } from './merge-subtask.js';
import { spawnSubtask } from './spawn-subtask.js';
import { readTeamMessages, sendTeamMessage } from './team-messages.js';
import { waitForSubtasks } from './wait-subtasks.js';

/** The longest a wait_for_subtasks call may wait, in seconds. */
const maxWaitSeconds = 3600;

/**
 * The team tools the built-in agent of a team task gets: a lead gets all six, a subtask only the messaging ones (it
 * cannot start subtasks). They call the engine's team functions (engine/teams/*), which any other front (an MCP
 * server) can expose unchanged. Empty for a task outside any team.
 */
export function teamToolsFor(context: EngineContext, task: Pick<Task, 'id' | 'team'>): Tool[] {
  if (task.team === null) return [];
  const messaging = [sendMessageTool(context, task.id), readMessagesTool(context, task.id)];
  if (task.team.role === 'subtask') return messaging;
  return [
    spawnTool(context, task.id),
    listTool(context, task.id),
    waitTool(context, task.id),
    ...messaging,
    mergeTool(context, task.id),
  ];
}

function spawnTool(context: EngineContext, leadId: string): Tool {
  return defineTool({
    name: 'spawn_subtask',
    description:
      'Start a subtask: another agent working in its own worktree and branch made from your branch as it is now. ' +
      'Give it a short title and a complete prompt (it sees nothing else). Returns its task id.',
    inputSchema: z.object({
      title: z.string().describe('A short title for the subtask'),
      prompt: z.string().describe('Everything the subtask agent must know and do'),
      agent: z.string().optional().describe('Agent id; your own agent when left out'),
      model: z.string().optional().describe('Model; your own when left out'),
    }),
    async run(input) {
      const task = await spawnSubtask(context, leadId, input);
      // The lead's own turn holds a slot: with one slot, a subtask cannot start before that turn ends.
      const alone = context.config.settings.concurrency === 1;
      return success(
        `Started subtask ${task.id} "${task.title}" on branch ${task.branch} (${task.status}). ` +
          (alone
            ? 'Flotilla runs one task at a time and your turn holds it, so the subtask starts once your turn ends: ' +
              'end your turn now instead of waiting for it.'
            : 'Call wait_for_subtasks to wait for it, then merge_subtask to bring its work into your branch.'),
      );
    },
  });
}

function listTool(context: EngineContext, leadId: string): Tool {
  return defineTool({
    name: 'list_subtasks',
    description: 'List your subtasks with their status, changes and checks, and what is left of the team budget.',
    inputSchema: z.object({}),
    async run() {
      return success(describeTeam(context, listSubtasks(context, leadId)));
    },
  });
}

function waitTool(context: EngineContext, leadId: string): Tool {
  return defineTool({
    name: 'wait_for_subtasks',
    description: 'Wait until the given subtasks (all when none are given) have finished, or the timeout passes.',
    inputSchema: z.object({
      ids: z.array(z.string()).optional().describe('Subtask ids; all of your subtasks when left out'),
      timeout: z.number().positive().max(maxWaitSeconds).default(600).describe('Seconds to wait at most'),
    }),
    async run(input, toolContext) {
      const outcome = await waitForSubtasks(context, leadId, input.ids, input.timeout * 1000, toolContext.signal);
      const heading = outcome.finished
        ? 'Finished.'
        : outcome.messageWaiting
          ? 'A message for you arrived; it comes next, and the subtasks go on meanwhile.'
          : `Still working after ${input.timeout} seconds.`;
      return success(`${heading}\n${describeTeam(context, outcome.view)}`);
    },
  });
}

function sendMessageTool(context: EngineContext, fromId: string): Tool {
  return defineTool({
    name: 'send_message',
    description:
      'Send a message to a teammate (a task id of your team, or "lead"). It reaches them after their current turn, ' +
      'labelled with your task.',
    inputSchema: z.object({
      to: z.string().describe('The task id of a teammate, or "lead"'),
      text: z.string().describe('The message'),
    }),
    async run(input) {
      const to = sendTeamMessage(context, fromId, input.to, input.text);
      return success(`Sent to ${to}; it reaches them at the end of their current turn.`);
    },
  });
}

function readMessagesTool(context: EngineContext, taskId: string): Tool {
  return defineTool({
    name: 'read_messages',
    description: 'Read the messages your teammates sent you, oldest first.',
    inputSchema: z.object({}),
    async run() {
      const messages = readTeamMessages(context, taskId);
      if (messages.length === 0) return success('No messages from teammates yet.');
      return success(messages.map((message) => `[${message.at}] ${message.text}`).join('\n\n'));
    },
  });
}

function mergeTool(context: EngineContext, leadId: string): Tool {
  return defineTool({
    name: 'merge_subtask',
    description:
      "Merge a finished subtask's work into your branch (your worktree is updated). Conflicts are reported, nothing lost.",
    inputSchema: z.object({ id: z.string().describe('The subtask id') }),
    async run(input) {
      const merged = await mergeSubtask(context, leadId, input.id);
      return success(
        `Merged subtask ${input.id} into ${merged.into} as ${merged.commit.slice(0, 7)}; your worktree has it.`,
      );
    },
  });
}
