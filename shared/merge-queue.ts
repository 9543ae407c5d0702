import { z } from 'zod';
import { queueConflictModes } from './choices.js';

export { queueConflictModes } from './choices.js';

/**
 * Where an entry of a merge queue is: waiting its turn, being brought up to date with the base, verified, merged,
 * done, or set aside with a reason.
 */
export const queueEntryStates = ['queued', 'updating', 'verifying', 'merging', 'merged', 'setAside'] as const;
/** Schema for a queue entry's state. */
export const queueEntryStateSchema = z.enum(queueEntryStates);
/** A queue entry's state. */
export type QueueEntryState = z.infer<typeof queueEntryStateSchema>;

/** Schema for what a queue does when bringing the base in conflicts: ask the task's agent, or wait for the user. */
export const queueConflictModeSchema = z.enum(queueConflictModes);
/** How a queue deals with conflicts. */
export type QueueConflictMode = z.infer<typeof queueConflictModeSchema>;

/** Schema for one task waiting in (or done with) a merge queue. */
export const queueEntrySchema = z.object({
  taskId: z.string(),
  title: z.string(),
  state: queueEntryStateSchema,
  /** Why it was set aside, or what it waits for (the agent resolving conflicts); null otherwise. */
  reason: z.string().nullable(),
  /** How many times it was brought up to date (a base that moved before the merge sends it round again). */
  rounds: z.number().int().nonnegative(),
  /** The commit its merge made, once merged. */
  mergedCommit: z.string().nullable(),
  addedAt: z.string(),
  updatedAt: z.string(),
});
/** One task in a merge queue. */
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/** Schema for the merge queue of one base branch of one repository: entries in merge order. */
export const mergeQueueSchema = z.object({
  repoId: z.string(),
  base: z.string(),
  paused: z.boolean(),
  onConflict: queueConflictModeSchema,
  entries: z.array(queueEntrySchema),
});
/** The merge queue of one base branch. */
export type MergeQueue = z.infer<typeof mergeQueueSchema>;

/** True while an entry still waits for, or is in, its turn. */
export function isQueueEntryOpen(state: QueueEntryState): boolean {
  return state !== 'merged' && state !== 'setAside';
}

const queueScope = {
  repoId: z.string().min(1).optional(),
  base: z.string().min(1).optional(),
};
const queueTaskRef = { taskId: z.string().min(1, 'Give a task id (see `flotilla queue`).') };
const queuesResult = z.object({ queues: z.array(mergeQueueSchema) });
const queueResult = z.object({ queue: mergeQueueSchema });

/** The merge queue's commands (spread into the command map in commands.ts). */
export const queueCommands = {
  /**
   * Queues finished tasks, in the order given, on their base branch's queue (or `base`); refused for a task that is
   * not finished, discarded, merged or already queued. `onConflict` sets the queue's conflict handling.
   */
  'queue/add': {
    params: z.object({
      taskIds: z.array(z.string().min(1)).min(1, 'Give at least one finished task to queue (see `flotilla list`).'),
      base: z.string().min(1).optional(),
      onConflict: queueConflictModeSchema.optional(),
    }),
    result: queuesResult,
  },
  /** The merge queues (of one repository, or of one base branch). */
  'queue/list': { params: z.object(queueScope), result: queuesResult },
  /** Takes a task out of its queue (one being merged right now finishes its turn first). */
  'queue/remove': { params: z.object(queueTaskRef), result: queueResult },
  /** Moves a waiting task to a position among its queue's entries (0 is first). */
  'queue/reorder': {
    params: z.object({ ...queueTaskRef, position: z.number().int().nonnegative() }),
    result: queueResult,
  },
  /**
   * Pauses queues (all, one repository's, or one base branch's; a named branch's even before anything is queued):
   * the entry in its turn finishes, no next one starts.
   */
  'queue/pause': { params: z.object(queueScope), result: queuesResult },
  'queue/resume': { params: z.object(queueScope), result: queuesResult },
} as const;

/** The engine change a queue's update sends to every client. */
export const queueChangeSchema = z.object({ type: z.literal('queue.changed'), queue: mergeQueueSchema });
