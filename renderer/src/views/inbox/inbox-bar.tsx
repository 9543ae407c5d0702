import { useState } from 'react';
import type { AutomationRun, InboxState } from '../../../../shared/automation.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';

const stateWords: Record<InboxState, string> = { unread: 'unread', read: 'read', archived: 'archived' };

/** The inbox run a task belongs to, when this window knows it and it has reached the inbox. */
function inboxRunOf(runs: Record<string, AutomationRun>, taskId: string): string | null {
  for (const run of Object.values(runs)) if (run.inbox !== null && run.taskIds.includes(taskId)) return run.id;
  return null;
}

/** In the thread of a task an automation started: where its run stands in the inbox, to mark or archive it there. */
export function InboxBar({ taskId }: { taskId: string }) {
  const runId = useStore((state) => inboxRunOf(state.automationRuns, taskId));
  const inbox = useStore((state) => (runId ? (state.automationRuns[runId]?.inbox ?? null) : null));
  const markInbox = useStore((state) => state.markInbox);
  const showView = useStore((state) => state.showView);
  const [error, setError] = useState<string | null>(null);
  if (!runId || inbox === null) return null;
  const mark = (state: InboxState) => {
    setError(null);
    markInbox(runId, state).catch((failure: unknown) => setError(errorText(failure)));
  };
  return (
    <div className="inbox-bar" data-testid="inbox-bar" data-inbox={inbox}>
      <span className="hint">In the inbox, {stateWords[inbox]}.</span>
      <button
        type="button"
        className="button ghost small"
        data-testid="inbox-bar-mark"
        onClick={() => mark(inbox === 'unread' ? 'read' : 'unread')}
      >
        {inbox === 'unread' ? 'Mark read' : 'Mark unread'}
      </button>
      <button
        type="button"
        className="button ghost small"
        data-testid="inbox-bar-archive"
        onClick={() => mark(inbox === 'archived' ? 'read' : 'archived')}
      >
        {inbox === 'archived' ? 'Unarchive' : 'Archive'}
      </button>
      <button type="button" className="button ghost small" onClick={() => showView('inbox')}>
        Back to the inbox
      </button>
      <ErrorText error={error} />
    </div>
  );
}
