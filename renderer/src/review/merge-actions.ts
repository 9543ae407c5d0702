import type { MergePreview } from '../../../shared/diff.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { Task } from '../../../shared/task.js';
import type { Slice } from '../store/slice.js';
import { notConnected, toReviewError, type ReviewError } from './review-error.js';
import type { EngineClient } from '../transport/engine-client.js';
import { patchReview, type ActionState, type TaskReview } from './review-state.js';

/** How a merge lands on the target: one squashed commit, or a merge commit keeping the task's history. */
export type MergeMode = 'squash' | 'merge';

/** Merge (bringing the target branch in first when it conflicts), push, discard and restore. */
export interface MergeActions {
  /** Asks the engine what merging would do (task/mergePreview); the dialog opens on this. */
  previewMerge(taskId: string, into?: string): Promise<void>;
  /**
   * Merges against the previewed target tip, so a target that moved since fails cleanly (baseMoved); with
   * `forceUnverified`, also when the repository requires passing checks and this task's are not.
   */
  mergeTask(
    taskId: string,
    options: { mode: MergeMode; message: string; removeWorktree: boolean; forceUnverified?: boolean },
  ): Promise<void>;
  /**
   * Brings the previewed target branch into the task branch (task/bringInBase); conflicting files are
   * committed with markers, for the agent (asked by the engine) or the user (`byHand`) to resolve.
   * Then previews the merge again and reloads the diff, so the dialog and the review show where things stand.
   */
  bringInBase(taskId: string, options: { byHand: boolean }): Promise<void>;
  /** Forgets the merge flow and any bringing-in of the base (the dialog closed). */
  resetMerge(taskId: string): void;
  /** Removes a merged task's worktree (task/removeWorktree); its branch keeps the work. */
  removeWorktree(taskId: string): Promise<void>;
  /** Pushes the task branch to its remote (task/push); where it went lands on the task as `pushed`. */
  pushTask(taskId: string): Promise<void>;
  /** Discards the task's worktree; the engine archives it first, so it can be restored. */
  discardTask(taskId: string): Promise<void>;
  resetDiscard(taskId: string): void;
  /** Brings a discarded task back from its archive. */
  restoreTask(taskId: string): Promise<void>;
  /** Loads the discarded tasks (of one repository, or all). */
  loadDiscardedTasks(repoId?: string): Promise<void>;
}

/** Error codes after which only a fresh preview can make the merge succeed. */
const staleCodes: readonly ErrorCode[] = ['baseMoved', 'mergeConflict'];

/** Creates the merge, push, discard and restore actions of the review slice. */
export const createMergeActions: Slice<MergeActions> = (set, get) => {
  const setRestoring = (taskId: string, state: ActionState, update: (tasks: Task[]) => Task[] = (tasks) => tasks) =>
    set(({ discardedTasks }) => ({
      discardedTasks: {
        ...discardedTasks,
        tasks: update(discardedTasks.tasks),
        restoring: { ...discardedTasks.restoring, [taskId]: state },
      },
    }));
  const failed = (error: unknown): { status: 'failed'; error: ReviewError } => ({
    status: 'failed',
    error: toReviewError(error),
  });

  /**
   * Runs one review action whose progress is `key` of the task's review: nothing while one is busy,
   * then busy, then done with what `work` returns merged into the review, or failed with why.
   */
  const tracked = async (
    taskId: string,
    key: 'push' | 'removal',
    work: (client: EngineClient) => Promise<Partial<TaskReview>>,
  ): Promise<void> => {
    if (get().reviews[taskId]?.[key].status === 'busy') return;
    const client = get().client;
    if (!client) return patchReview(set, taskId, () => ({ [key]: { status: 'failed', error: notConnected } }));
    patchReview(set, taskId, () => ({ [key]: { status: 'busy' } }));
    try {
      const patch = await work(client);
      patchReview(set, taskId, () => ({ ...patch, [key]: { status: 'done' } }));
    } catch (error) {
      patchReview(set, taskId, () => ({ [key]: failed(error) }));
    }
  };

  const runPreview = async (taskId: string, into: string | undefined): Promise<void> => {
    const client = get().client;
    if (!client) return patchReview(set, taskId, () => ({ merge: { step: 'previewFailed', error: notConnected } }));
    patchReview(set, taskId, () => ({ merge: { step: 'previewing' } }));
    try {
      const { preview } = await client.call('task/mergePreview', into === undefined ? { taskId } : { taskId, into });
      patchReview(set, taskId, () => ({ merge: { step: 'ready', preview } }));
    } catch (error) {
      patchReview(set, taskId, () => ({ merge: { step: 'previewFailed', error: toReviewError(error) } }));
    }
  };

  return {
    async previewMerge(taskId, into) {
      // A fresh preview replaces what the last bringing-in of the base said.
      patchReview(set, taskId, () => ({ bringInBase: { status: 'idle' } }));
      await runPreview(taskId, into);
    },

    async bringInBase(taskId, { byHand }) {
      const review = get().reviews[taskId];
      if (review?.bringInBase.status === 'busy') return;
      const flow = review?.merge;
      const base = flow && 'preview' in flow ? flow.preview.into : null;
      const client = get().client;
      if (!client) return patchReview(set, taskId, () => ({ bringInBase: { status: 'failed', error: notConnected } }));
      patchReview(set, taskId, () => ({ bringInBase: { status: 'busy', base, byHand } }));
      try {
        const result = await client.call(
          'task/bringInBase',
          base === null ? { taskId, byHand } : { taskId, base, byHand },
        );
        patchReview(set, taskId, () => ({
          task: result.task,
          bringInBase: { status: 'done', base, byHand, outcome: result.outcome, conflicts: result.conflicts },
        }));
      } catch (error) {
        return patchReview(set, taskId, () => ({ bringInBase: failed(error) }));
      }
      // The base is in now: the diff's merge-base and how far behind it is both changed.
      await Promise.all([runPreview(taskId, base ?? undefined), get().loadDiff(taskId)]);
    },

    async mergeTask(taskId, { mode, message, removeWorktree, forceUnverified }) {
      const flow = get().reviews[taskId]?.merge;
      let preview: MergePreview;
      if (flow?.step === 'ready' || (flow?.step === 'mergeFailed' && !flow.previewAgain)) preview = flow.preview;
      else return;
      if (!preview.clean || preview.unresolved.length > 0 || (preview.checkout?.blocking.length ?? 0) > 0) return;
      const client = get().client;
      if (!client)
        return patchReview(set, taskId, () => ({
          merge: { step: 'mergeFailed', preview, error: notConnected, previewAgain: false },
        }));
      patchReview(set, taskId, () => ({ merge: { step: 'merging', preview } }));
      try {
        const result = await client.call('task/merge', {
          taskId,
          mode,
          message,
          into: preview.into,
          intoCommit: preview.intoCommit,
          removeWorktree,
          ...(forceUnverified ? { forceUnverified: true } : {}),
        });
        patchReview(set, taskId, () => ({
          task: result.task,
          merge: { step: 'merged', commit: result.commit, into: result.into, removedWorktree: result.removedWorktree },
        }));
      } catch (error) {
        const reviewError = toReviewError(error);
        const previewAgain = staleCodes.includes(reviewError.code);
        patchReview(set, taskId, () => ({ merge: { step: 'mergeFailed', preview, error: reviewError, previewAgain } }));
      }
    },

    resetMerge(taskId) {
      patchReview(set, taskId, () => ({ merge: { step: 'idle' }, bringInBase: { status: 'idle' } }));
    },

    removeWorktree: (taskId) =>
      tracked(taskId, 'removal', async (client) => {
        const { task } = await client.call('task/removeWorktree', { taskId });
        return { task };
      }),

    pushTask: (taskId) =>
      tracked(taskId, 'push', async (client) => {
        const { task, pushed } = await client.call('task/push', { taskId });
        return { task: { ...task, pushed } };
      }),

    async discardTask(taskId) {
      const client = get().client;
      if (!client) return patchReview(set, taskId, () => ({ discard: { status: 'failed', error: notConnected } }));
      patchReview(set, taskId, () => ({ discard: { status: 'busy' } }));
      try {
        const { task } = await client.call('task/discard', { taskId });
        patchReview(set, taskId, () => ({
          task,
          discard: { status: 'done' },
          restore: { status: 'idle' },
          draft: null,
        }));
        set(({ discardedTasks }) => ({
          discardedTasks: {
            ...discardedTasks,
            tasks: [task, ...discardedTasks.tasks.filter((other) => other.id !== taskId)],
          },
        }));
      } catch (error) {
        patchReview(set, taskId, () => ({ discard: failed(error) }));
      }
    },

    resetDiscard(taskId) {
      patchReview(set, taskId, () => ({ discard: { status: 'idle' } }));
    },

    async restoreTask(taskId) {
      const wasReviewed = get().reviews[taskId]?.diff != null || get().reviews[taskId]?.error != null;
      const client = get().client;
      if (!client) {
        setRestoring(taskId, { status: 'failed', error: notConnected });
        return patchReview(set, taskId, () => ({ restore: { status: 'failed', error: notConnected } }));
      }
      setRestoring(taskId, { status: 'busy' });
      patchReview(set, taskId, () => ({ restore: { status: 'busy' } }));
      try {
        const { task } = await client.call('task/restore', { taskId });
        setRestoring(taskId, { status: 'done' }, (tasks) => tasks.filter((other) => other.id !== taskId));
        patchReview(set, taskId, () => ({
          task,
          restore: { status: 'done' },
          discard: { status: 'idle' },
          merge: { step: 'idle' },
        }));
        if (wasReviewed) await get().loadDiff(taskId);
      } catch (error) {
        setRestoring(taskId, failed(error));
        patchReview(set, taskId, () => ({ restore: failed(error) }));
      }
    },

    async loadDiscardedTasks(repoId) {
      const client = get().client;
      const update = (patch: Partial<ReturnType<typeof get>['discardedTasks']>) =>
        set(({ discardedTasks }) => ({ discardedTasks: { ...discardedTasks, ...patch } }));
      if (!client) return update({ error: notConnected });
      update({ loading: true, error: null });
      try {
        const { tasks } = await client.call(
          'task/list',
          repoId === undefined ? { status: ['discarded'] } : { repoId, status: ['discarded'] },
        );
        update({ loading: false, tasks });
      } catch (error) {
        update({ loading: false, error: toReviewError(error) });
      }
    },
  };
};
