import { z } from 'zod';
import {
  isQueueEntryOpen,
  mergeQueueSchema,
  type MergeQueue,
  type QueueConflictMode,
  type QueueEntry,
} from '../../shared/merge-queue.js';
import { readJsonFile, writeJsonFile } from '../store/json-file.js';

const fileSchema = z.object({ queues: z.array(mergeQueueSchema).default([]) });

/** The key of one repository's queue for one base branch. */
export function queueKey(repoId: string, base: string): string {
  return `${repoId}\u0000${base}`;
}

/**
 * The merge queues under FLOTILLA_HOME (merge-queues.json, written whole and atomically on every change). An entry
 * that was in its turn when the engine stopped is queued again on load: its merge is a compare-and-swap, so going
 * round again never merges stale work.
 */
export class QueueStore {
  private readonly queues = new Map<string, MergeQueue>();

  constructor(private readonly file: string) {
    for (const queue of readJsonFile(file, fileSchema)?.queues ?? []) {
      const entries = queue.entries.map((entry) =>
        isQueueEntryOpen(entry.state) && entry.state !== 'queued' ? { ...entry, state: 'queued' as const } : entry,
      );
      this.queues.set(queueKey(queue.repoId, queue.base), { ...queue, entries });
    }
  }

  /** Every queue, in the order they were made. */
  list(): MergeQueue[] {
    return [...this.queues.values()];
  }

  /** One queue, or null. */
  get(key: string): MergeQueue | null {
    return this.queues.get(key) ?? null;
  }

  /** The queue of a base branch, made (running, asking the agent on conflicts) when there is none yet. */
  ensure(repoId: string, base: string, onConflict?: QueueConflictMode): MergeQueue {
    const key = queueKey(repoId, base);
    const queue = this.queues.get(key) ?? { repoId, base, paused: false, onConflict: 'agent', entries: [] };
    return { ...queue, onConflict: onConflict ?? queue.onConflict };
  }

  /** Saves a queue's new state (a queue with no entries left is forgotten) and writes the file. */
  save(queue: MergeQueue): MergeQueue {
    const key = queueKey(queue.repoId, queue.base);
    if (queue.entries.length === 0 && !queue.paused) this.queues.delete(key);
    else this.queues.set(key, queue);
    writeJsonFile(this.file, { queues: this.list() });
    return queue;
  }

  /** The queue and entry a task is in, open or not. */
  find(taskId: string): { queue: MergeQueue; entry: QueueEntry; position: number } | null {
    for (const queue of this.queues.values()) {
      const position = queue.entries.findIndex((entry) => entry.taskId === taskId);
      const entry = queue.entries[position];
      if (entry) return { queue, entry, position };
    }
    return null;
  }
}
