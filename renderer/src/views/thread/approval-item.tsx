import { useState } from 'react';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import type { ThreadItemOf } from '../../../../shared/thread-items.js';
import { errorText } from '../../transport/client-error.js';
import { showValue } from './expandable.js';

/** An approval request inline in the thread: what would run, and Approve / Deny until answered. */
export function ApprovalItem({ item, taskId }: { item: ThreadItemOf<'approval'>; taskId: string }) {
  const answer = useStore((state) => state.answerApproval);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'approve' | 'deny') => {
    setBusy(true);
    setError(null);
    try {
      await answer(taskId, item.requestId, decision);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const outcome =
    item.decision === null
      ? null
      : item.by === 'stop'
        ? 'Denied (the task was stopped)'
        : item.decision === 'approve'
          ? 'Approved'
          : 'Denied';
  if (outcome) {
    return (
      <div
        className="approval-resolved line-item"
        data-testid="approval"
        data-request-id={item.requestId}
        data-decision={item.decision ?? 'pending'}
      >
        <span className={item.decision === 'approve' ? 'ok' : 'bad'}>{outcome}</span> {item.tool}:{' '}
        <code>{item.summary || showValue(item.input)}</code>
      </div>
    );
  }
  return (
    <div className="approval pending" data-testid="approval" data-request-id={item.requestId} data-decision="pending">
      <div className="approval-title">The agent asks to run {item.tool}</div>
      <pre className="code-block">{item.summary || showValue(item.input)}</pre>
      <div className="row">
        <button
          type="button"
          className="button primary"
          data-testid="approval-approve"
          aria-label={`Approve: ${item.summary}`}
          disabled={busy}
          onClick={() => void decide('approve')}
        >
          Approve
        </button>
        <button
          type="button"
          className="button"
          data-testid="approval-deny"
          aria-label={`Deny: ${item.summary}`}
          disabled={busy}
          onClick={() => void decide('deny')}
        >
          Deny
        </button>
      </div>
      <ErrorText error={error} />
    </div>
  );
}
