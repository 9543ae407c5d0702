import { useEffect } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { Counts } from '../../components/counts.js';
import { useStore } from '../../store/store.js';
import { FollowUpBox } from './follow-up-box.js';
import { prefetchReview } from './review-prefetch.js';
import { ReviewTab } from './review-tab.js';
import { TerminalTab } from '../../terminal/terminal-tab.js';
import { ThreadHeader } from './thread-header.js';
import { ThreadList } from './thread-list.js';
import { WorkingLine } from './working-line.js';

/** A task's page: header, a Thread / Review / Terminal switch, the live thread, and the follow-up box. */
export function ThreadView({ taskId }: { taskId: string }) {
  const exists = useStore((state) => Boolean(state.tasks[taskId]));
  const status = useStore((state) => state.threads[taskId]?.status);
  const error = useStore((state) => state.threads[taskId]?.error ?? null);
  const empty = useStore((state) => (state.threads[taskId]?.items.length ?? 0) === 0);
  const openThread = useStore((state) => state.openThread);
  const tab = useStore((state) => state.taskTab);
  const setTab = useStore((state) => state.setTaskTab);

  // Opening a thread also gets its Review tab ready: the review code, then (once the thread is in) the diff.
  useEffect(() => prefetchReview(taskId, openThread(taskId)), [taskId, openThread]);

  if (!exists) return <div className="empty-state">This task no longer exists.</div>;
  return (
    <section className="thread-view" aria-label="Task">
      <ThreadHeader taskId={taskId} />
      <div className="tabs" role="tablist" aria-label="Task views">
        <button
          type="button"
          role="tab"
          id="tab-thread"
          aria-controls="panel-thread"
          aria-selected={tab === 'thread'}
          data-testid="tab-thread"
          className="tab"
          onClick={() => setTab('thread')}
        >
          Thread
        </button>
        <button
          type="button"
          role="tab"
          id="tab-review"
          aria-controls="panel-review"
          aria-selected={tab === 'review'}
          data-testid="tab-review"
          className="tab"
          onClick={() => setTab('review')}
        >
          Review
          <ReviewTabCounts taskId={taskId} />
        </button>
        <button
          type="button"
          role="tab"
          id="tab-terminal"
          aria-controls="panel-terminal"
          aria-selected={tab === 'terminal'}
          data-testid="tab-terminal"
          className="tab"
          onClick={() => setTab('terminal')}
        >
          Terminal
        </button>
        {status === 'loading' && (
          <span className="hint tab-note">{empty ? 'Loading the thread…' : 'Catching up…'}</span>
        )}
      </div>
      {tab === 'thread' ? (
        <div className="thread-panel" role="tabpanel" id="panel-thread" aria-labelledby="tab-thread">
          {status === 'error' && error && (
            <p className="error-text" role="alert">
              Could not load the thread: {error}{' '}
              <button type="button" className="button small" onClick={() => void openThread(taskId)}>
                Retry
              </button>
            </p>
          )}
          <ThreadList taskId={taskId} />
          <WorkingLine taskId={taskId} />
          <FollowUpBox taskId={taskId} />
        </div>
      ) : tab === 'review' ? (
        <div className="review-panel-host" role="tabpanel" id="panel-review" aria-labelledby="tab-review">
          <ReviewTab taskId={taskId} />
        </div>
      ) : (
        <div className="terminal-host" role="tabpanel" id="panel-terminal" aria-labelledby="tab-terminal">
          <TerminalTab taskId={taskId} />
        </div>
      )}
    </section>
  );
}

/** The task's +/− line counts as last counted, on the Review tab; nothing before any change. */
function ReviewTabCounts({ taskId }: { taskId: string }) {
  const changes = useStore(useShallow((state) => state.tasks[taskId]?.changes ?? null));
  if (!changes || changes.files === 0) return null;
  return (
    <span className="tab-counts" data-testid="tab-review-counts">
      <Counts additions={changes.additions} deletions={changes.deletions} />
    </span>
  );
}
