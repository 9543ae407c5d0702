import { lazy, Suspense } from 'react';

// The review feature brings a diff viewer and syntax highlighting; load it when first shown.
const ReviewPanel = lazy(async () => ({ default: (await import('../../review/review-panel.js')).ReviewPanel }));

/** The Review tab's content: the review feature's panel for this task (diff, comments, merge, discard). */
export function ReviewTab({ taskId }: { taskId: string }) {
  return (
    <Suspense fallback={<p className="hint review-loading">Loading the review…</p>}>
      <ReviewPanel taskId={taskId} />
    </Suspense>
  );
}
