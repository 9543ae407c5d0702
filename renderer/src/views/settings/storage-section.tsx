import { useState } from 'react';
import { useStore } from '../../store/store.js';

/** How many merged tasks still have a worktree on disk. */
function useMergedWithWorktrees(): number {
  return useStore(
    (state) => Object.values(state.tasks).filter((task) => task.status === 'merged' && task.hasWorktree).length,
  );
}

/** Disk space: removes the worktrees merged tasks still have (their branches keep the work). */
export function StorageSection() {
  const count = useMergedWithWorktrees();
  const removeMergedWorktrees = useStore((state) => state.removeMergedWorktrees);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ removed: number; kept: string[] } | null>(null);
  const remove = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await removeMergedWorktrees());
    } finally {
      setBusy(false);
    }
  };
  const worktrees = (n: number) => `${n} worktree${n === 1 ? '' : 's'}`;
  return (
    <section className="settings-section" aria-labelledby="storage-title">
      <h2 id="storage-title">Worktrees of merged tasks</h2>
      <div className="card" data-testid="settings-storage">
        <p className="hint">
          {count === 0
            ? 'No merged task has a worktree on disk.'
            : `${count === 1 ? '1 merged task still has its worktree' : `${count} merged tasks still have their worktrees`} on disk. Their branches keep the work, and a message to a task brings its worktree back.`}
        </p>
        {(count > 0 || busy) && (
          <button
            type="button"
            className="button"
            data-testid="settings-remove-worktrees"
            disabled={busy}
            onClick={() => void remove()}
          >
            {busy ? 'Removing…' : `Remove ${worktrees(count)}`}
          </button>
        )}
        {outcome && (
          <p role="status" className="hint ok">
            Removed {worktrees(outcome.removed)}.
          </p>
        )}
        {outcome && outcome.kept.length > 0 && (
          <div role="alert" className="error-text">
            Kept {worktrees(outcome.kept.length)}:
            <ul>
              {outcome.kept.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
