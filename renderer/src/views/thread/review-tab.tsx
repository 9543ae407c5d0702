import { useEffect, useState } from 'react';
import { errorText } from '../../transport/client-error.js';
import { loadedReviewModule, loadReviewModule } from './review-chunk.js';

/**
 * The Review tab's content: the review feature's panel for this task (diff, comments, merge,
 * discard). The feature is its own chunk, usually already loaded by the thread's prefetch. It is
 * not a React.lazy under Suspense on purpose: React holds back content that replaces a Suspense
 * fallback for up to 300 ms after the fallback appeared, which alone put the diff's first paint
 * 300 ms late; a plain state switch shows the panel the moment its code is there.
 */
export function ReviewTab({ taskId }: { taskId: string }) {
  const [module, setModule] = useState(loadedReviewModule);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (module) return;
    let current = true;
    loadReviewModule().then(
      (loaded) => current && setModule(loaded),
      (error: unknown) => current && setFailure(errorText(error)),
    );
    return () => {
      current = false;
    };
  }, [module, attempt]);

  if (failure) {
    return (
      <p className="error-text" role="alert">
        Could not load the review: {failure}{' '}
        <button
          type="button"
          className="button small"
          onClick={() => {
            setFailure(null);
            setAttempt((count) => count + 1);
          }}
        >
          Retry
        </button>
      </p>
    );
  }
  if (!module) return <p className="hint review-loading">Loading the review…</p>;
  return <module.ReviewPanel taskId={taskId} />;
}
