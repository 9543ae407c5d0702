import { useEffect, useState } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { ErrorText } from '../../components/error-text.js';
import { newestFirst, unreadCount } from '../../store/automations-slice.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { InboxItem } from './inbox-item.js';

/**
 * The inbox: what automations' runs came to (changes, findings, failures), newest first, unread in bold; archived
 * runs too with "Show archived".
 */
export function InboxView() {
  const showArchived = useStore((state) => state.inboxShowsArchived);
  const loadInbox = useStore((state) => state.loadInbox);
  const unread = useStore((state) => unreadCount(state.automationRuns));
  const hasAutomations = useStore((state) => Object.keys(state.automations).length > 0);
  const showAutomations = useStore((state) => state.showAutomations);
  const runIds = useStore(
    useShallow((state) =>
      newestFirst(
        Object.values(state.automationRuns).filter(
          (run) => run.inbox !== null && (state.inboxShowsArchived || run.inbox !== 'archived'),
        ),
      ).map((run) => run.id),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const load = (all: boolean) => {
    setError(null);
    loadInbox(all).catch((failure: unknown) => setError(errorText(failure)));
  };
  useEffect(() => {
    // Once on open; the engine's changes keep it current after.
    loadInbox(useStore.getState().inboxShowsArchived).catch((failure: unknown) => setError(errorText(failure)));
  }, [loadInbox]);
  return (
    <section className="inbox-view" aria-label="Inbox">
      <header className="view-header">
        <h1>Inbox</h1>
        <span className="hint" data-testid="inbox-unread">
          {unread === 0 ? 'Nothing unread' : `${unread} unread`}
        </span>
        <label className="field checkbox inbox-archived-toggle">
          <input
            type="checkbox"
            data-testid="inbox-show-archived"
            checked={showArchived}
            onChange={(event) => load(event.target.checked)}
          />
          Show archived
        </label>
      </header>
      <ErrorText error={error} />
      {runIds.length === 0 ? (
        <div className="empty-state inbox-empty" data-testid="inbox-empty">
          <p>
            {showArchived ? 'No automation runs have reached the inbox.' : 'The inbox is empty.'} Runs of automations
            that changed files, reported findings or failed land here; a run with nothing to report is archived.
          </p>
          {!hasAutomations && (
            <button type="button" className="button" onClick={() => showAutomations({ kind: 'new' })}>
              Create an automation
            </button>
          )}
        </div>
      ) : (
        <ul className="inbox-list" data-testid="inbox-list">
          {runIds.map((runId) => (
            <InboxItem key={runId} runId={runId} />
          ))}
        </ul>
      )}
    </section>
  );
}
