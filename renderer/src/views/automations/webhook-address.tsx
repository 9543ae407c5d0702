import { useEffect, useState } from 'react';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';

/**
 * Where a sender posts a webhook automation's events, and its secret (hidden until asked for). A page served by the
 * engine shows the whole address; the desktop app, whose page is not served by it, shows the path on the engine's
 * server.
 */
export function WebhookAddress({ automationId }: { automationId: string }) {
  const webhookSecret = useStore((state) => state.webhookSecret);
  const [found, setFound] = useState<{ secret: string; path: string } | null>(null);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    webhookSecret(automationId)
      .then((answer) => live && setFound(answer))
      .catch((failure: unknown) => live && setError(errorText(failure)));
    return () => {
      live = false;
    };
  }, [automationId, webhookSecret]);
  if (error) return <ErrorText error={error} />;
  if (!found) return <span className="hint">Loading…</span>;
  const served = /^https?:$/.test(window.location.protocol);
  const address = served ? `${window.location.origin}${found.path}` : found.path;
  return (
    <span className="webhook-address" data-testid="automation-webhook">
      <span>
        <code data-testid="automation-webhook-url">{address}</code>
        <CopyButton text={address} label="Copy the webhook address" />
        {!served && <span className="hint"> on the engine’s server</span>}
      </span>
      <span>
        <span className="fact-label">secret</span>{' '}
        {shown ? (
          <>
            <code data-testid="automation-webhook-secret">{found.secret}</code>
            <CopyButton text={found.secret} label="Copy the webhook secret" />
          </>
        ) : (
          <button type="button" className="button ghost small" onClick={() => setShown(true)}>
            Show
          </button>
        )}
      </span>
      <span className="hint">
        Listens on this machine only; a sender on the internet needs a tunnel. Start the engine with flotilla serve
        --port to keep the port across restarts.
      </span>
    </span>
  );
}
