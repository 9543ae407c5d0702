import { replyText, replyToolCalls } from './scenario-steps.js';
import type { Scenario, ToolCallSpec } from './scenario-types.js';

/** The line spawn_subtask's result names the new subtask on (engine/teams/team-tools.ts). */
const startedLine = /Started subtask ([a-z0-9]+)/g;

/** The subtask ids a request's tool results name, in the order they were started, each once. */
export function subtaskIdsOf(requestText: string): string[] {
  return [...new Set([...requestText.matchAll(startedLine)].map((match) => match[1] ?? ''))].filter(Boolean);
}

/** The scripted-agent prompt of the team's first subtask: it writes the backend. */
export const backendPrompt = 'write backend.txt endpoints\nsay backend done';
/** The scripted-agent prompt of the team's second subtask: it writes the docs. */
export const docsPrompt = 'write docs.txt manual\nsay docs done';
/** What the lead asks the first subtask for once it is done (a step line the scripted agent follows). */
export const followUpText = 'write backend-test.txt covered';

function mergeAll(requestText: string): ToolCallSpec[] {
  return subtaskIdsOf(requestText).map((id) => ({ name: 'merge_subtask', arguments: { id } }));
}

/**
 * A team lead on the built-in agent: starts two subtasks (scripted agent), waits for both, lists them, asks the first
 * for one more file and waits for it, merges both into its branch, and closes with a text.
 */
export const teamLead: Scenario = {
  name: 'teamLead',
  description: 'Team lead: spawn two subtasks, wait, list, message the first, wait for it, merge both.',
  steps: [
    replyToolCalls(
      [
        {
          name: 'spawn_subtask',
          arguments: { title: 'Backend endpoints', prompt: backendPrompt, agent: 'scripted' },
        },
        { name: 'spawn_subtask', arguments: { title: 'Docs', prompt: docsPrompt, agent: 'scripted' } },
      ],
      { text: 'Splitting the work in two.' },
    ),
    replyToolCalls([
      { name: 'wait_for_subtasks', arguments: { timeout: 60 } },
      { name: 'list_subtasks', arguments: {} },
    ]),
    replyToolCalls((request) => [
      { name: 'send_message', arguments: { to: subtaskIdsOf(request)[0] ?? 'missing', text: followUpText } },
      { name: 'wait_for_subtasks', arguments: { ids: subtaskIdsOf(request).slice(0, 1), timeout: 60 } },
    ]),
    replyToolCalls(mergeAll),
    replyText('Both subtasks are merged into my branch.'),
  ],
};

/**
 * A lead that gets every refusal: an empty subtask prompt, a message to a task outside the team, a merge of a
 * subtask still working, a wait on an unknown id; then it waits for the real subtask, merges it and closes.
 */
export const teamBadInput: Scenario = {
  name: 'teamBadInput',
  description: 'Team lead: empty prompt, message outside the team, merge of an unfinished subtask, then a good merge.',
  steps: [
    replyToolCalls([
      { name: 'spawn_subtask', arguments: { title: 'Nothing', prompt: '   ' } },
      { name: 'send_message', arguments: { to: 'outsider', text: 'hello' } },
      {
        name: 'spawn_subtask',
        arguments: { title: 'Slow', prompt: 'sleep 1500\nwrite slow.txt done', agent: 'scripted' },
      },
    ]),
    replyToolCalls((request) => [{ name: 'merge_subtask', arguments: { id: subtaskIdsOf(request)[0] ?? 'missing' } }]),
    replyToolCalls([{ name: 'wait_for_subtasks', arguments: { ids: ['nosuchtask'] } }]),
    replyToolCalls([{ name: 'wait_for_subtasks', arguments: {} }]),
    replyToolCalls(mergeAll),
    replyText('Merged the slow subtask after the refusals.'),
  ],
};

/** A subtask on the built-in agent that tries to start a subtask of its own, then messages its lead and ends. */
export const subtaskSpawns: Scenario = {
  name: 'subtaskSpawns',
  description: 'Subtask: calls spawn_subtask (not offered to subtasks), then send_message to its lead.',
  steps: [
    replyToolCalls([{ name: 'spawn_subtask', arguments: { title: 'Deeper', prompt: 'write deep.txt x' } }]),
    replyToolCalls([{ name: 'send_message', arguments: { to: 'lead', text: 'say I cannot spawn; done here' } }]),
    // Slow, so the lead gets the message while this subtask still works.
    replyText('Told the lead.', { delayMs: 300, chunkSize: 4 }),
  ],
};

/**
 * A lead that starts one built-in subtask (which runs subtaskSpawns) and waits; the subtask's message ends the wait and
 * the lead's turn, and runs as its next turn, which reads it and waits for the subtask to finish.
 */
export const leadOfBuiltin: Scenario = {
  name: 'leadOfBuiltin',
  description: 'Team lead: spawn a built-in subtask running subtaskSpawns, wait, then answer its message.',
  steps: [
    replyToolCalls([
      {
        name: 'spawn_subtask',
        arguments: {
          title: 'Go deeper',
          prompt: 'Try to split this further.',
          // By model, not by a marker: a marker in the lead's request would pick the scenario for the lead too.
          model: 'anthropic:scenario:subtaskSpawns',
        },
      },
    ]),
    // Ends early when the subtask's message arrives; the turn ends there and the message runs next.
    replyToolCalls([{ name: 'wait_for_subtasks', arguments: { timeout: 60 } }]),
    replyToolCalls([{ name: 'read_messages', arguments: {} }]),
    replyToolCalls([{ name: 'wait_for_subtasks', arguments: { timeout: 60 } }]),
    replyText('The subtask finished.'),
  ],
};

/** A lead that starts a subtask that works for long, then waits for it (for Stop and discard of the team). */
export const leadOfSlowSubtask: Scenario = {
  name: 'leadOfSlowSubtask',
  description: 'Team lead: spawn a scripted subtask sleeping 30 s, then wait for it.',
  steps: [
    replyToolCalls([
      {
        name: 'spawn_subtask',
        arguments: { title: 'Slow', prompt: 'write slow.txt begun\nsleep 30000', agent: 'scripted' },
      },
    ]),
    replyToolCalls([{ name: 'wait_for_subtasks', arguments: { timeout: 120 } }]),
    replyText('Done waiting.'),
  ],
};

/** A lead whose two subtasks each spend $0.60 and then work on: together they reach a $1 team budget. */
export const leadOfSpenders: Scenario = {
  name: 'leadOfSpenders',
  description: 'Team lead: spawn two scripted subtasks that each spend $0.60, then wait.',
  steps: [
    replyToolCalls(
      ['One', 'Two'].map((title) => ({
        name: 'spawn_subtask',
        arguments: { title, prompt: 'spend 10 0.6\nsleep 30000', agent: 'scripted' },
      })),
    ),
    replyToolCalls([{ name: 'wait_for_subtasks', arguments: { timeout: 120 } }]),
    replyText('Done waiting.'),
  ],
};

/**
 * A lead that starts one scripted subtask and ends its turn without waiting; the subtask's finishing wakes it, and it
 * merges the subtask from the id in that message.
 */
export const leadThatEndsItsTurn: Scenario = {
  name: 'leadThatEndsItsTurn',
  description: 'Team lead: spawn a scripted subtask, end the turn; when woken by its finish, merge it.',
  steps: [
    replyToolCalls([
      { name: 'spawn_subtask', arguments: { title: 'Later', prompt: 'write later.txt done', agent: 'scripted' } },
    ]),
    replyText('Started it; I will merge it once it is done.'),
    replyToolCalls(mergeAll),
    replyText('Merged it.'),
  ],
};

/** A lead whose two subtasks write the same file differently: the second merge conflicts, and says so. */
export const leadOfConflictingSubtasks: Scenario = {
  name: 'leadOfConflictingSubtasks',
  description: 'Team lead: two scripted subtasks write same.txt differently; merging both conflicts on the second.',
  steps: [
    replyToolCalls(
      ['first', 'second'].map((word) => ({
        name: 'spawn_subtask',
        arguments: { title: `Write ${word}`, prompt: `write same.txt ${word}`, agent: 'scripted' },
      })),
    ),
    replyToolCalls([{ name: 'wait_for_subtasks', arguments: { timeout: 60 } }]),
    replyToolCalls(mergeAll),
    replyText('One merged; the other conflicts.'),
  ],
};

/** The team scenarios, for a model server's scenario list. */
export const teamScenarios: readonly Scenario[] = [
  teamLead,
  teamBadInput,
  subtaskSpawns,
  leadOfBuiltin,
  leadOfSlowSubtask,
  leadOfSpenders,
  leadThatEndsItsTurn,
  leadOfConflictingSubtasks,
];
