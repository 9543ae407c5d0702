import type { EngineContext } from '../engine-context.js';
import type { TaskRecord } from './task-record.js';

/**
 * Tells the other attempts of a merged task's group (same prompt, same group id) that this one
 * was merged: each records sibling.merged, so it no longer reads as "Done" and ready for review.
 * Attempts already discarded or merged themselves are left alone.
 */
export function recordSiblingMerged(context: EngineContext, merged: TaskRecord, into: string, commit: string): void {
  const { id, groupId } = merged.task;
  if (!groupId) return;
  for (const record of context.store.all()) {
    const task = record.task;
    if (task.id === id || task.groupId !== groupId || task.status === 'discarded' || task.mergedCommit !== null)
      continue;
    context.store.record(task.id, { type: 'sibling.merged', siblingId: id, into, commit });
  }
}
