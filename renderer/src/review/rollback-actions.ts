import type { Slice } from '../store/slice.js';
import { requireClient } from '../store/require-client.js';
import { mergeTasks } from '../store/tasks-slice.js';

/** Rolling a task back to one of its checkpoints. */
export interface RollbackActions {
  /**
   * Moves the task branch back to `commit` (task/rollback); the later work is kept under the
   * archive ref the result names. Rejects with the engine's error; the diff reloads when it was shown.
   */
  rollbackTask(taskId: string, commit: string): Promise<{ archiveRef: string }>;
}

/** Creates the rollback action of the review slice. */
export const createRollbackActions: Slice<RollbackActions> = (set, get) => ({
  async rollbackTask(taskId, commit) {
    const result = await requireClient(get()).call('task/rollback', { taskId, commit });
    set((state) => ({ tasks: mergeTasks(state.tasks, [result.task]) }));
    if (get().reviews[taskId]?.diff) await get().loadDiff(taskId);
    return { archiveRef: result.archiveRef };
  },
});
