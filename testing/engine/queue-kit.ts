import type { MergeQueue } from '../../shared/merge-queue.js';
import type { Task } from '../../shared/task.js';
import type { EngineHarness } from './engine-harness.js';

/** Creates a task with the scripted agent's steps and waits for it to finish as done. */
export async function finishedTask(harness: EngineHarness, prompt: string, base?: string): Promise<Task> {
  const task = await harness.createTask(prompt, base ? { base } : {});
  return harness.waitFor(task.id, ['done']);
}

/** The harness repository's queue for a base branch (throws when there is none). */
export async function queueOf(harness: EngineHarness, base: string): Promise<MergeQueue> {
  const { queues } = await harness.engine.call('queue/list', { repoId: harness.repoId, base });
  const queue = queues[0];
  if (!queue) throw new Error(`There is no merge queue for ${base}.`);
  return queue;
}

/** Waits until the queue of a base branch matches (or fails after `timeoutMs`, saying where it stands). */
export async function waitForQueue(
  harness: EngineHarness,
  base: string,
  match: (queue: MergeQueue) => boolean,
  timeoutMs = 30_000,
): Promise<MergeQueue> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const queue = await queueOf(harness, base);
    if (match(queue)) return queue;
    if (Date.now() > deadline) throw new Error(`The queue of ${base} is still ${JSON.stringify(queue.entries)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
