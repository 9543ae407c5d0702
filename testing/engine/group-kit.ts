import type { CommandParams } from '../../shared/commands.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { Group } from '../../shared/group.js';
import type { Ranking } from '../../shared/ranking.js';
import type { Task } from '../../shared/task.js';
import type { EngineHarness } from './engine-harness.js';

/** Provider keys and base URLs read from the environment, cleared for a test that needs no provider configured. */
const providerVariables = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
  'OPENAI_COMPATIBLE_BASE_URL',
];

/** Clears the provider variables; returns the function that puts them back. */
export function withoutProviderEnvironment(): () => void {
  const saved = Object.fromEntries(providerVariables.map((name) => [name, process.env[name]]));
  for (const name of providerVariables) delete process.env[name];
  return () => {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  };
}

/** Starts a group of tasks from one prompt and returns them, attempts in order. */
export async function startGroup(
  harness: EngineHarness,
  prompt: string,
  params: Omit<Partial<CommandParams<'task/create'>>, 'prompt' | 'repoId'> = {},
): Promise<Task[]> {
  const { tasks } = await harness.engine.call('task/create', {
    repoId: harness.repoId,
    prompt,
    agent: 'scripted',
    attempts: 2,
    ...params,
  });
  return tasks;
}

/** The group a task belongs to, as group/get reports it. */
export async function groupOf(harness: EngineHarness, taskId: string): Promise<Group> {
  return (await harness.engine.call('group/get', { taskId })).group;
}

/** Waits until the group's ranking is recorded as ranked with `entries` entries (default: any), and returns the group. */
export async function waitForRanking(
  harness: EngineHarness,
  taskId: string,
  entries?: number,
  timeoutMs = 30_000,
): Promise<Group> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const group = await groupOf(harness, taskId);
    const ranking = group.ranking;
    if (ranking?.state === 'ranked' && (entries === undefined || ranking.entries.length === entries)) return group;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for a ranking of ${taskId}'s group: ${JSON.stringify(group.ranking)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The rankings a thread recorded, in order. */
export function rankingsIn(thread: readonly ThreadEvent[]): Ranking[] {
  return thread.flatMap((event) => (event.type === 'ranking.changed' ? [event.ranking] : []));
}
