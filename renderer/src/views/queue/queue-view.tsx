import { useState } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import type { MergeQueue, QueueEntry } from '../../../../shared/merge-queue.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';

const stateLabels: Record<QueueEntry['state'], string> = {
  queued: 'Waiting',
  updating: 'Bringing in the base',
  verifying: 'Verifying',
  merging: 'Merging',
  merged: 'Merged',
  setAside: 'Set aside',
};

/** The merge queues: per base branch, its entries in order with their state and reason; move, remove, pause. */
export function QueueView() {
  const keys = useStore(useShallow((state) => Object.keys(state.mergeQueues).sort()));
  return (
    <section className="queue-view" aria-label="Merge queue">
      <header className="view-header">
        <h1>Merge queue</h1>
      </header>
      {keys.length === 0 ? (
        <div className="empty-state" data-testid="queue-empty">
          <p>
            Nothing is queued. Finished tasks added to the merge queue (from their review) merge one at a time, each
            brought up to date with its base and verified first.
          </p>
        </div>
      ) : (
        keys.map((key) => <QueueSection key={key} queueKey={key} />)
      )}
    </section>
  );
}

function QueueSection({ queueKey }: { queueKey: string }) {
  const queue = useStore((state) => state.mergeQueues[queueKey]);
  const repoName = useStore((state) =>
    queue ? (state.repos.find((repo) => repo.id === queue.repoId)?.name ?? queue.repoId) : '',
  );
  const setQueuePaused = useStore((state) => state.setQueuePaused);
  const [error, setError] = useState<string | null>(null);
  if (!queue) return null;
  const act = (work: Promise<void>) => {
    setError(null);
    work.catch((failure: unknown) => setError(errorText(failure)));
  };
  return (
    <section className="queue-section" aria-label={`Merge queue of ${queue.base}`} data-testid="queue-section">
      <h2>
        {repoName} → {queue.base}
        {queue.paused && <span className="hint"> (paused)</span>}
        <button
          type="button"
          data-testid="queue-pause"
          onClick={() => act(setQueuePaused(queue.repoId, queue.base, !queue.paused))}
        >
          {queue.paused ? 'Resume' : 'Pause'}
        </button>
      </h2>
      <ErrorText error={error} />
      <ol className="queue-entries">
        {queue.entries.map((entry, index) => (
          <QueueRow key={entry.taskId} queue={queue} entry={entry} index={index} onError={setError} />
        ))}
      </ol>
    </section>
  );
}

function QueueRow({
  queue,
  entry,
  index,
  onError,
}: {
  queue: MergeQueue;
  entry: QueueEntry;
  index: number;
  onError(error: string | null): void;
}) {
  const moveInQueue = useStore((state) => state.moveInQueue);
  const removeFromQueue = useStore((state) => state.removeFromQueue);
  const selectTask = useStore((state) => state.selectTask);
  const waiting = entry.state === 'queued';
  const act = (work: Promise<void>) => {
    onError(null);
    work.catch((failure: unknown) => onError(errorText(failure)));
  };
  return (
    <li className={`queue-entry queue-${entry.state}`} data-testid="queue-entry" data-state={entry.state}>
      <button type="button" className="link" onClick={() => selectTask(entry.taskId)}>
        {entry.title}
      </button>
      <span className="queue-state" data-testid="queue-entry-state">
        {stateLabels[entry.state]}
      </span>
      {entry.reason && (
        <span className="queue-reason" data-testid="queue-entry-reason">
          {entry.reason}
        </span>
      )}
      <span className="queue-actions">
        <button
          type="button"
          aria-label={`Move ${entry.title} up`}
          disabled={!waiting || index === 0}
          onClick={() => act(moveInQueue(entry.taskId, index - 1))}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move ${entry.title} down`}
          disabled={!waiting || index === queue.entries.length - 1}
          onClick={() => act(moveInQueue(entry.taskId, index + 1))}
        >
          ↓
        </button>
        <button
          type="button"
          aria-label={`Remove ${entry.title} from the queue`}
          onClick={() => act(removeFromQueue(entry.taskId))}
        >
          Remove
        </button>
      </span>
    </li>
  );
}
