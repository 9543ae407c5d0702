import type { Slice } from '../store/slice.js';
import { notConnected, toReviewError } from './review-error.js';
import { formatReviewMessage } from './review-message.js';
import { patchReview, type CommentAnchor, type ReviewComment } from './review-state.js';

/** Line comments and the "Request changes" send. */
export interface CommentActions {
  /** Opens the comment box on a line (replacing any box already open). */
  openCommentDraft(taskId: string, anchor: CommentAnchor): void;
  setCommentDraftText(taskId: string, text: string): void;
  cancelCommentDraft(taskId: string): void;
  /** Saves the open box as a new comment, or as the edit of the comment it was opened for; empty text saves nothing. */
  saveCommentDraft(taskId: string): void;
  /** Opens the comment box on an existing comment to edit it. */
  editComment(taskId: string, commentId: string): void;
  /** Adds a comment directly; returns its id. */
  addComment(taskId: string, anchor: CommentAnchor, text: string): string;
  updateComment(taskId: string, commentId: string, text: string): void;
  removeComment(taskId: string, commentId: string): void;
  /** Sends every comment as one follow-up message (task/send), then clears them; on failure they stay. */
  requestChanges(taskId: string): Promise<void>;
}

/** Creates the comment actions of the review slice. */
export const createCommentActions: Slice<CommentActions> = (set, get) => {
  let nextId = 1;
  // Unsent comments outlive a reload (store/keep-drafts.ts), so ids must not repeat across page loads.
  const session = Date.now().toString(36);
  const newId = () => `comment-${session}-${nextId++}`;

  return {
    openCommentDraft(taskId, anchor) {
      patchReview(set, taskId, () => ({ draft: { ...anchor, text: '', editing: null } }));
    },

    setCommentDraftText(taskId, text) {
      patchReview(set, taskId, (review) => (review.draft ? { draft: { ...review.draft, text } } : {}));
    },

    cancelCommentDraft(taskId) {
      patchReview(set, taskId, () => ({ draft: null }));
    },

    saveCommentDraft(taskId) {
      patchReview(set, taskId, ({ draft, comments }) => {
        if (!draft || draft.text.trim().length === 0) return {};
        const { editing, text, ...anchor } = draft;
        if (editing !== null)
          return {
            draft: null,
            comments: comments.map((comment) => (comment.id === editing ? { ...comment, text } : comment)),
          };
        return { draft: null, comments: [...comments, { ...anchor, id: newId(), text }] };
      });
    },

    editComment(taskId, commentId) {
      patchReview(set, taskId, ({ comments }) => {
        const comment = comments.find((candidate) => candidate.id === commentId);
        if (!comment) return {};
        const { id, text, ...anchor } = comment;
        return { draft: { ...anchor, text, editing: id } };
      });
    },

    addComment(taskId, anchor, text) {
      const comment: ReviewComment = { ...anchor, id: newId(), text };
      patchReview(set, taskId, ({ comments }) => ({ comments: [...comments, comment] }));
      return comment.id;
    },

    updateComment(taskId, commentId, text) {
      patchReview(set, taskId, ({ comments }) => ({
        comments: comments.map((comment) => (comment.id === commentId ? { ...comment, text } : comment)),
      }));
    },

    removeComment(taskId, commentId) {
      patchReview(set, taskId, ({ comments, draft }) => ({
        comments: comments.filter((comment) => comment.id !== commentId),
        draft: draft?.editing === commentId ? null : draft,
      }));
    },

    async requestChanges(taskId) {
      const review = get().reviews[taskId];
      const sent = review?.comments ?? [];
      if (sent.length === 0) return;
      const client = get().client;
      if (!client) {
        patchReview(set, taskId, () => ({ sending: { status: 'failed', error: notConnected } }));
        return;
      }
      const text = formatReviewMessage(
        sent,
        review?.diff?.files.map((file) => file.path),
      );
      patchReview(set, taskId, () => ({ sending: { status: 'busy' } }));
      try {
        const { task } = await client.call('task/send', { taskId, text });
        // Comments added while the message was on its way are kept for the next round.
        patchReview(set, taskId, ({ comments }) => ({
          task,
          sending: { status: 'done' },
          comments: comments.filter((comment) => !sent.includes(comment)),
        }));
      } catch (error) {
        patchReview(set, taskId, () => ({ sending: { status: 'failed', error: toReviewError(error) } }));
      }
    },
  };
};
