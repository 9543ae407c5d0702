import type { EngineChange } from '../../../shared/engine-events.js';
import type { MergeQueue, QueueEntry } from '../../../shared/merge-queue.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** The merge queues as the engine last told this window, keyed by repository and base branch. */
export interface QueueSlice {
  mergeQueues: Record<string, MergeQueue>;
  loadQueues(): Promise<void>;
  /** Queues finished tasks on their base branch's queue; rejects with the engine's refusal. */
  addToQueue(taskIds: string[]): Promise<void>;
  removeFromQueue(taskId: string): Promise<void>;
  /** Moves a waiting entry to a position of its queue (0 is first). */
  moveInQueue(taskId: string, position: number): Promise<void>;
  setQueuePaused(repoId: string, base: string, paused: boolean): Promise<void>;
}

/** The key of a repository's queue for a base branch. */
export function mergeQueueKey(queue: Pick<MergeQueue, 'repoId' | 'base'>): string {
  return `${queue.repoId}:${queue.base}`;
}

/** The queue and entry a task is in, if any. */
export function queueEntryOf(
  queues: Record<string, MergeQueue>,
  taskId: string,
): { queue: MergeQueue; entry: QueueEntry; position: number } | null {
  for (const queue of Object.values(queues)) {
    const position = queue.entries.findIndex((entry) => entry.taskId === taskId);
    const entry = queue.entries[position];
    if (entry) return { queue, entry, position };
  }
  return null;
}

/** Applies a queue.changed change; the same object for other changes. */
export function applyQueueChange(state: Pick<QueueSlice, 'mergeQueues'>, change: EngineChange) {
  if (change.type !== 'queue.changed') return state;
  return { ...state, mergeQueues: { ...state.mergeQueues, [mergeQueueKey(change.queue)]: change.queue } };
}

/** Creates the merge queue slice. */
export const createQueueSlice: Slice<QueueSlice> = (set, get) => {
  const keep = (queues: readonly MergeQueue[]) =>
    set((state) => ({
      mergeQueues: { ...state.mergeQueues, ...Object.fromEntries(queues.map((one) => [mergeQueueKey(one), one])) },
    }));
  return {
    mergeQueues: {},
    async loadQueues() {
      const { queues } = await requireClient(get()).call('queue/list', {});
      set({ mergeQueues: Object.fromEntries(queues.map((queue) => [mergeQueueKey(queue), queue])) });
    },
    async addToQueue(taskIds) {
      keep((await requireClient(get()).call('queue/add', { taskIds })).queues);
    },
    async removeFromQueue(taskId) {
      keep([(await requireClient(get()).call('queue/remove', { taskId })).queue]);
    },
    async moveInQueue(taskId, position) {
      keep([(await requireClient(get()).call('queue/reorder', { taskId, position })).queue]);
    },
    async setQueuePaused(repoId, base, paused) {
      const method = paused ? 'queue/pause' : 'queue/resume';
      keep((await requireClient(get()).call(method, { repoId, base })).queues);
    },
  };
};
