import { useState } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { isQueueEntryOpen } from '../../../../shared/merge-queue.js';
import { queueEntryOf } from '../../store/queue-slice.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';

/**
 * In a finished task's review: "Add to merge queue", or where the task stands in its queue (with the reason it was
 * set aside) and a way to the Merge queue view.
 */
export function QueueBanner({ taskId }: { taskId: string }) {
  const status = useStore((state) => state.tasks[taskId]?.status);
  const found = useStore(useShallow((state) => queueEntryOf(state.mergeQueues, taskId)));
  const addToQueue = useStore((state) => state.addToQueue);
  const showView = useStore((state) => state.showView);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = found && isQueueEntryOpen(found.entry.state);
  if (status !== 'done' && !found) return null;
  const add = () => {
    setError(null);
    setBusy(true);
    addToQueue([taskId])
      .catch((failure: unknown) => setError(errorText(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="fl-review-banner" role="status" data-testid="queue-banner">
      {found && (
        <span data-testid="queue-banner-state">
          {open
            ? `In the merge queue of ${found.queue.base}, position ${found.position + 1}: ${found.entry.state}.`
            : `Merge queue of ${found.queue.base}: ${found.entry.state === 'merged' ? 'merged' : 'set aside'}.`}
          {found.entry.reason ? ` ${found.entry.reason}` : ''}
        </span>
      )}
      {status === 'done' && !open && (
        <button type="button" disabled={busy} data-testid="queue-add" onClick={add}>
          Add to merge queue
        </button>
      )}
      {found && (
        <button type="button" onClick={() => showView('queue')}>
          Open the merge queue
        </button>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
