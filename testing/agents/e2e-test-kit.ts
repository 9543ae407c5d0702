import type { CommandParams } from '../../shared/commands.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { ProviderId } from '../../shared/repo.js';
import type { Task } from '../../shared/task.js';
import type { ModelServer } from '../model-server/server.js';
import type { EngineHarness } from '../engine/engine-harness.js';
import { ofType } from '../engine/thread-events.js';

/** The base URL each SDK is pointed at: Anthropic's without `/v1`, OpenAI's with it. */
export function baseUrlOf(provider: ProviderId, server: ModelServer): string {
  return provider === 'anthropic' ? server.url : `${server.url}/v1`;
}

/** Points every provider of the harness's engine at the scripted model server. */
export async function useModelServer(harness: EngineHarness, server: ModelServer): Promise<void> {
  for (const provider of ['anthropic', 'openai', 'compatible'] as const) {
    await harness.engine.call('provider/update', {
      provider,
      settings: { apiKey: 'test-key', baseUrl: baseUrlOf(provider, server) },
    });
  }
}

/** Starts a task on the built-in agent. */
export async function startBuiltinTask(
  harness: EngineHarness,
  prompt: string,
  params: Partial<CommandParams<'task/create'>> = {},
): Promise<Task> {
  const { tasks } = await harness.engine.call('task/create', {
    repoId: harness.repoId,
    prompt,
    agent: 'builtin',
    model: 'anthropic:claude-sonnet-4-6',
    ...params,
  });
  return tasks[0] as Task;
}

/** A task's thread as stored. */
export function threadOf(harness: EngineHarness, taskId: string): Promise<ThreadEvent[]> {
  return harness.threadOf(taskId);
}

/** The events of one type in a thread. */
export const eventsOf = ofType;

/** Waits until a thread has an event that matches, or fails after `timeoutMs`. */
export function waitForEvent(
  harness: EngineHarness,
  taskId: string,
  matches: (event: ThreadEvent) => boolean,
  timeoutMs = 20_000,
): Promise<ThreadEvent> {
  return harness.waitForEvent(taskId, matches, timeoutMs);
}

/** The JSON body of a recorded request (0-based), as text, for `toContain` checks. */
export function bodyText(server: ModelServer, index: number): string {
  const body = server.requests[index]?.body;
  if (typeof body !== 'object' || body === null) throw new Error(`request ${index} has no JSON body`);
  return JSON.stringify(body);
}
