import type { MergePreview, TaskDiff } from '../../../shared/diff.js';
import type { Task } from '../../../shared/task.js';
import type { RootState } from '../store/store.js';
import type { ReviewError } from './review-error.js';

/** How the diff viewer lays out a file: one column, or old and new side by side. */
export type DiffViewMode = 'unified' | 'split';

/** Which side of the diff a line belongs to: the base (`old`) or the task's version (`new`). */
export type DiffSide = 'old' | 'new';

/** Where a line comment points: a file, a side and a 1-based line number on that side. */
export interface CommentAnchor {
  path: string;
  side: DiffSide;
  line: number;
  /** The line's text (without its diff prefix), quoted in the follow-up message. */
  quote: string;
}

/** A review comment on one line of the diff. */
export interface ReviewComment extends CommentAnchor {
  id: string;
  text: string;
}

/** The comment box currently open: a new comment on a line, or an edit of an existing one. */
export interface CommentDraft extends CommentAnchor {
  text: string;
  /** The comment being edited; null for a new comment. */
  editing: string | null;
}

/** Progress of a one-shot engine action (send, push, discard, restore). */
export type ActionState =
  { status: 'idle' } | { status: 'busy' } | { status: 'done' } | { status: 'failed'; error: ReviewError };

/** Where the merge flow stands, from preview to result. */
export type MergeFlow =
  | { step: 'idle' }
  | { step: 'previewing' }
  | { step: 'previewFailed'; error: ReviewError }
  | { step: 'ready'; preview: MergePreview }
  | { step: 'merging'; preview: MergePreview }
  /** `previewAgain` is set when the target moved or conflicts appeared: only a new preview can help. */
  | { step: 'mergeFailed'; preview: MergePreview; error: ReviewError; previewAgain: boolean }
  /** `removedWorktree`: the worktree folder removed after the merge, or null when it was kept. */
  | { step: 'merged'; commit: string; into: string; removedWorktree: string | null };

/** What bringing the target branch into the task branch (task/bringInBase) came to. */
export type BringInBaseOutcome = 'upToDate' | 'merged' | 'conflicts';

/**
 * Progress of bringing the target branch into the task branch from the merge dialog. `byHand` says
 * who resolves conflicts: the user (true) or the agent, which the engine asks itself (false).
 */
export type BringInBaseState =
  | { status: 'idle' }
  | { status: 'busy'; base: string | null; byHand: boolean }
  | { status: 'done'; base: string | null; byHand: boolean; outcome: BringInBaseOutcome; conflicts: string[] }
  | { status: 'failed'; error: ReviewError };

/** Everything the review feature keeps for one task. */
export interface TaskReview {
  /** The task as last reported by the engine (title, status, archive ref); null until loaded. */
  task: Task | null;
  diff: TaskDiff | null;
  loading: boolean;
  /** Why the diff could not be loaded, in the engine's words. */
  error: ReviewError | null;
  selectedPath: string | null;
  viewMode: DiffViewMode;
  comments: ReviewComment[];
  draft: CommentDraft | null;
  /** The "Request changes" send. */
  sending: ActionState;
  merge: MergeFlow;
  /** Bringing the target branch into the task branch; reset with the merge flow when the dialog closes. */
  bringInBase: BringInBaseState;
  /** The push of the task branch; where it went is kept on the task itself (`task.pushed`). */
  push: ActionState;
  /** Create pull request (push, then gh); the pull request itself is kept on the task (`task.pullRequest`). */
  pullRequest: ActionState;
  /** Why gh could not open or read the pull request, and what to install or do; null when it could. */
  ghProblem: string | null;
  discard: ActionState;
  restore: ActionState;
  /** Removing a merged task's worktree from the review. */
  removal: ActionState;
}

/** The discarded tasks shown with Restore buttons, and each restore's progress. */
export interface DiscardedTasks {
  tasks: Task[];
  loading: boolean;
  error: ReviewError | null;
  restoring: Record<string, ActionState>;
}

/** The review state of a task nobody has looked at yet. */
export function emptyReview(viewMode: DiffViewMode): TaskReview {
  return {
    task: null,
    diff: null,
    loading: false,
    error: null,
    selectedPath: null,
    viewMode,
    comments: [],
    draft: null,
    sending: { status: 'idle' },
    merge: { step: 'idle' },
    bringInBase: { status: 'idle' },
    push: { status: 'idle' },
    pullRequest: { status: 'idle' },
    ghProblem: null,
    discard: { status: 'idle' },
    restore: { status: 'idle' },
    removal: { status: 'idle' },
  };
}

/** An idle action, shared so selectors return a stable value. */
export const idleAction: ActionState = { status: 'idle' };

type SetState = (partial: Partial<RootState> | ((state: RootState) => Partial<RootState>)) => void;

/** Updates one task's review state, creating it first when missing. */
export function patchReview(set: SetState, taskId: string, patch: (review: TaskReview) => Partial<TaskReview>): void {
  set((state) => {
    const current = state.reviews[taskId] ?? emptyReview(state.reviewViewMode);
    return { reviews: { ...state.reviews, [taskId]: { ...current, ...patch(current) } } };
  });
}

/**
 * A selector for the freshest copy of a task: the live one the task list keeps from engine events,
 * or the one the last review action returned, whichever was updated last.
 */
export function selectReviewTask(taskId: string): (state: RootState) => Task | null {
  return (state) => {
    const live = state.tasks[taskId] ?? null;
    const reviewed = state.reviews[taskId]?.task ?? null;
    if (!live || !reviewed) return live ?? reviewed;
    return reviewed.updatedAt > live.updatedAt ? reviewed : live;
  };
}
