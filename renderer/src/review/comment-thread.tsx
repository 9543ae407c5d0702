import { useEffect, useId, useRef } from 'react';
import { useStore } from '../store/store.js';
import type { CommentDraft, ReviewComment } from './review-state.js';

// Set when the user opens a comment box, so the box takes focus once; a box that remounts because
// its row scrolled back into view must not steal focus.
let focusRequested = false;

/** Asks the next comment box that mounts to take focus (call when the user opens or edits a comment). */
export function requestCommentFocus(): void {
  focusRequested = true;
}

/** Props of the comments under one diff line. */
export interface CommentThreadProps {
  taskId: string;
  comments: readonly ReviewComment[];
  /** The open comment box, when it belongs to this line. */
  draft: CommentDraft | null;
}

/** The comments shown inline under a diff line, and the comment box when it is open there. */
export function CommentThread({ taskId, comments, draft }: CommentThreadProps) {
  const editComment = useStore((state) => state.editComment);
  const removeComment = useStore((state) => state.removeComment);
  return (
    <div className="fl-review-thread">
      {comments.map((comment) =>
        draft?.editing === comment.id ? (
          <CommentBox key={comment.id} taskId={taskId} draft={draft} />
        ) : (
          <div key={comment.id} className="fl-review-comment" data-testid="review-comment">
            <p className="fl-review-comment-text">{comment.text}</p>
            <div className="fl-review-comment-actions">
              <button
                type="button"
                onClick={() => {
                  requestCommentFocus();
                  editComment(taskId, comment.id);
                }}
                aria-label={`Edit comment on ${comment.path} line ${comment.line}`}
                data-testid="review-comment-edit"
              >
                Edit
              </button>
              <button
                type="button"
                onClick={() => removeComment(taskId, comment.id)}
                aria-label={`Delete comment on ${comment.path} line ${comment.line}`}
                data-testid="review-comment-delete"
              >
                Delete
              </button>
            </div>
          </div>
        ),
      )}
      {draft && draft.editing === null && <CommentBox taskId={taskId} draft={draft} />}
    </div>
  );
}

/** The comment box: Ctrl/Cmd+Enter saves, Esc cancels. */
function CommentBox({ taskId, draft }: { taskId: string; draft: CommentDraft }) {
  const setText = useStore((state) => state.setCommentDraftText);
  const save = useStore((state) => state.saveCommentDraft);
  const cancel = useStore((state) => state.cancelCommentDraft);
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focusRequested) return;
    focusRequested = false;
    input.current?.focus();
  }, []);
  // Its own name, not the line button's "Comment on …", so the two controls are told apart.
  const name = `Comment text for ${draft.path} ${draft.side === 'old' ? 'removed line' : 'line'} ${draft.line}`;
  return (
    <form
      className="fl-review-comment-box"
      onSubmit={(event) => {
        event.preventDefault();
        save(taskId);
      }}
    >
      <label htmlFor={id} className="fl-review-visually-hidden">
        {name}
      </label>
      <textarea
        id={id}
        ref={input}
        rows={3}
        value={draft.text}
        placeholder="Leave a comment for the agent…"
        onChange={(event) => setText(taskId, event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            cancel(taskId);
          } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            save(taskId);
          }
        }}
        data-testid="review-comment-input"
      />
      <div className="fl-review-comment-actions">
        <button type="button" onClick={() => cancel(taskId)} aria-label="Cancel the comment">
          Cancel
        </button>
        <button
          type="submit"
          className="fl-review-primary"
          disabled={draft.text.trim().length === 0}
          aria-label={draft.editing ? 'Save the comment' : 'Add the comment'}
          data-testid="review-comment-submit"
        >
          {draft.editing ? 'Save' : 'Comment'}
        </button>
      </div>
    </form>
  );
}
