import { useStore } from '../../store/store.js';

/** A strip above the main view while the link to the host shown is down, saying that its agents keep working. */
export function HostBanner() {
  const name = useStore((state) => state.activeHost);
  const link = useStore((state) => (state.activeHost ? state.hostLinks[state.activeHost] : undefined));
  const connected = useStore((state) => state.connection === 'open');
  const switchHost = useStore((state) => state.switchHost);
  if (!name || !connected || !link) return null;
  switch (link.state) {
    case 'connected':
    case 'idle':
      return null;
    case 'connecting':
      return (
        <div className="banner warn" role="status" data-testid="host-banner" data-state={link.state}>
          Connecting to {name}…{link.error ? ` The last attempt failed: ${link.error}` : ''}
        </div>
      );
    case 'reconnecting':
      return (
        <div
          className="banner warn"
          role="status"
          data-testid="host-banner"
          data-state={link.state}
          title={link.error ?? undefined}
        >
          Reconnecting to {name}… Its agents keep working; this window catches up when the link is back.
        </div>
      );
    case 'failed':
      return (
        <div className="banner bad" role="alert" data-testid="host-banner" data-state={link.state}>
          Could not reach {name}: {link.error ?? 'the connection failed.'}{' '}
          <button type="button" className="button small" onClick={() => switchHost(null)}>
            Back to Local
          </button>
        </div>
      );
    default: {
      const unknown: never = link.state;
      throw new Error(`unknown link state ${String(unknown)}`);
    }
  }
}
