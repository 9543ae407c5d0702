import { useStore } from '../store/store.js';

/** A strip above the main view while the engine is unreachable or failed to load, saying what happens next. */
export function ConnectionBanner() {
  const connection = useStore((state) => state.connection);
  const loadError = useStore((state) => state.loadError);
  const refreshAll = useStore((state) => state.refreshAll);
  if (connection === 'connecting') {
    return (
      <div className="banner warn" role="status" data-testid="connection-banner">
        Connecting to the Flotilla engine… If this lasts, check that `flotilla serve` (or the desktop app) is still
        running; this page reconnects by itself.
      </div>
    );
  }
  if (connection === 'closed') {
    return (
      <div className="banner bad" role="status" data-testid="connection-banner">
        Disconnected from the Flotilla engine. Reload the page to connect again.
      </div>
    );
  }
  if (loadError) {
    return (
      <div className="banner bad" role="alert" data-testid="connection-banner">
        {loadError}{' '}
        <button type="button" className="button small" onClick={() => void refreshAll()}>
          Retry
        </button>
      </div>
    );
  }
  return null;
}
