import type { CommandParams } from '../../../../shared/commands.js';
import type { ThreadEvent } from '../../../../shared/events.js';
import type { ProviderId } from '../../../../shared/repo.js';
import type { Task } from '../../../../shared/task.js';
import type { ModelServer } from '../../model-server/server.js';
import type { EngineHarness } from '../../test-support/engine-harness.js';

/** The base URL each SDK is pointed at: Anthropic's without `/v1`, OpenAI's with it. */
export function baseUrlOf(provider: ProviderId, server: ModelServer): string {
  return provider === 'anthropic' ? server.url : `${server.url}/v1`;
}

/** Points every provider of the harness's engine at the scripted model server. */
export async function useModelServer(harness: EngineHarness, server: ModelServer): Promise<void> {
  for (const provider of ['anthropic', 'openai', 'compatible'] as const) {
    await harness.engine.call('provider/update', { provider, settings: { apiKey: 'test-key', baseUrl: baseUrlOf(provider, server) } });
  }
}

/** Starts a task on the built-in agent. */
export async function startBuiltinTask(harness: EngineHarness, prompt: string, params: Partial<CommandParams<'task/create'>> = {}): Promise<Task> {
  const { tasks } = await harness.engine.call('task/create', { repoId: harness.repoId, prompt, agent: 'builtin', model: 'anthropic:claude-sonnet-4-5', ...params });
  return tasks[0] as Task;
}

/** A task's thread as stored. */
export async function threadOf(harness: EngineHarness, taskId: string): Promise<ThreadEvent[]> {
  return (await harness.engine.call('task/events', { taskId })).events;
}

/** The events of one type in a thread. */
export function eventsOf<T extends ThreadEvent['type']>(events: readonly ThreadEvent[], type: T): Array<Extract<ThreadEvent, { type: T }>> {
  return events.filter((event): event is Extract<ThreadEvent, { type: T }> => event.type === type);
}

/** Waits until a thread has an event that matches, or fails after `timeoutMs`. */
export async function waitForEvent(harness: EngineHarness, taskId: string, matches: (event: ThreadEvent) => boolean, timeoutMs = 20_000): Promise<ThreadEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await threadOf(harness, taskId)).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching event in task ${taskId} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The JSON body of a recorded request (0-based), as text, for `toContain` checks. */
export function bodyText(server: ModelServer, index: number): string {
  const body = server.requests[index]?.body;
  if (typeof body !== 'object' || body === null) throw new Error(`request ${index} has no JSON body`);
  return JSON.stringify(body);
}
