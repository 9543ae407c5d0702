import { useEffect } from 'react';
import { useStore } from '../store/store.js';
import { idleAction } from './review-state.js';

/** Props of the discarded-tasks list. */
export interface DiscardedListProps {
  /** Shows only this repository's discarded tasks; all when omitted. */
  repoId?: string;
}

/** The discarded tasks, each with a Restore button; loads them from the engine when shown. */
export function DiscardedList({ repoId }: DiscardedListProps) {
  const { tasks, loading, error, restoring } = useStore((state) => state.discardedTasks);
  const loadDiscardedTasks = useStore((state) => state.loadDiscardedTasks);
  const restoreTask = useStore((state) => state.restoreTask);

  useEffect(() => {
    void loadDiscardedTasks(repoId);
  }, [repoId, loadDiscardedTasks]);

  const shown = repoId === undefined ? tasks : tasks.filter((task) => task.repoId === repoId);
  return (
    <section className="fl-review fl-review-discarded" aria-label="Discarded tasks" data-testid="discarded-list">
      {error && (
        <p role="alert" className="fl-review-error">
          {error.message}
        </p>
      )}
      {loading && shown.length === 0 && <p role="status">Loading discarded tasks…</p>}
      {!loading && !error && shown.length === 0 && <p className="fl-review-muted">No discarded tasks.</p>}
      <ul className="fl-review-discarded-items">
        {shown.map((task) => {
          const state = restoring[task.id] ?? idleAction;
          return (
            <li key={task.id} className="fl-review-discarded-item" data-testid="discarded-task" data-task-id={task.id}>
              <div className="fl-review-discarded-text">
                <span className="fl-review-discarded-title">{task.title}</span>
                <code className="fl-review-muted">{task.archiveRef ?? `refs/flotilla/archive/${task.id}`}</code>
                {state.status === 'failed' && (
                  <span role="alert" className="fl-review-error">
                    {state.error.message}
                  </span>
                )}
              </div>
              <button
                type="button"
                disabled={state.status === 'busy'}
                onClick={() => void restoreTask(task.id)}
                aria-label={`Restore ${task.title}`}
                data-testid="discarded-restore"
              >
                {state.status === 'busy' ? 'Restoring…' : 'Restore'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
