/** The page shown when this window has no valid token: how to get the right address. */
export function NoAccess({ reason }: { reason: 'noToken' | 'unauthorized' }) {
  return (
    <div className="no-access" role="alert" data-testid="no-access">
      <h1>Flotilla needs its access token</h1>
      {reason === 'noToken' ? (
        <p>
          This address has no token. Open the address that <code>flotilla serve</code> printed, including its{' '}
          <code>?token=…</code> part.
        </p>
      ) : (
        <p>
          The engine refused this page’s token: the engine was probably restarted with a new one. Open the address it
          printed most recently, including its <code>?token=…</code> part.
        </p>
      )}
      <p className="hint">
        Run <code>flotilla serve</code> in a terminal to start the engine and print the address.
      </p>
    </div>
  );
}
