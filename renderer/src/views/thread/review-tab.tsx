/** The Review tab's content: the review feature's panel for this task (diff, merge, discard). */
export function ReviewTab({ taskId }: { taskId: string }) {
  return (
    <div className="review-placeholder" data-testid="review-placeholder" data-task-id={taskId}>
      <p className="hint">Review (diff, merge and discard) is being built; until then use `flotilla diff`, `flotilla merge` and `flotilla discard`.</p>
    </div>
  );
}
