import { useStore } from '../../store/store.js';

/**
 * The row at the top of a thread while the log holds earlier events: says they load on scrolling up (a click loads
 * them too), that they are loading, or why they did not.
 */
export function EarlierRow({ taskId }: { taskId: string }) {
  const hasEarlier = useStore((state) => state.threads[taskId]?.hasEarlier ?? false);
  const loading = useStore((state) => state.threads[taskId]?.loadingEarlier ?? false);
  const error = useStore((state) => state.threads[taskId]?.earlierError ?? null);
  const loadEarlier = useStore((state) => state.loadEarlier);
  if (!hasEarlier) return null;
  if (loading)
    return (
      <p className="hint thread-earlier" data-testid="thread-earlier" aria-live="polite">
        Loading earlier messages…
      </p>
    );
  return (
    <p className="hint thread-earlier" data-testid="thread-earlier">
      {error ? `Earlier messages did not load: ${error} ` : 'Earlier activity — scroll up to load. '}
      <button type="button" className="link-button" onClick={() => void loadEarlier(taskId)}>
        {error ? 'Try again' : 'Load now'}
      </button>
    </p>
  );
}
