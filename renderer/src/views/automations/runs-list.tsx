import { useEffect, useState } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { ErrorText } from '../../components/error-text.js';
import { newestFirst } from '../../store/automations-slice.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { RunTasks } from './run-tasks.js';
import { formatWhen, runStateText, runTone } from './run-text.js';

const shownRuns = 20;

/** An automation's last runs, newest first: when, how it went (late?), why it fired, the detail, and its tasks. */
export function RunsList({ automationId }: { automationId: string }) {
  const loadAutomationRuns = useStore((state) => state.loadAutomationRuns);
  const runIds = useStore(
    useShallow((state) =>
      newestFirst(Object.values(state.automationRuns).filter((run) => run.automationId === automationId))
        .slice(0, shownRuns)
        .map((run) => run.id),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    loadAutomationRuns(automationId).catch((failure: unknown) => setError(errorText(failure)));
  }, [automationId, loadAutomationRuns]);
  return (
    <section className="runs-list" aria-label="Last runs">
      <h3 className="section-legend">Last runs</h3>
      <ErrorText error={error} />
      {runIds.length === 0 ? (
        <p className="hint" data-testid="runs-empty">
          No runs yet. It runs when its trigger fires, or now with Run now.
        </p>
      ) : (
        <ul className="run-items">
          {runIds.map((runId) => (
            <RunItem key={runId} runId={runId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RunItem({ runId }: { runId: string }) {
  const run = useStore((state) => state.automationRuns[runId]);
  if (!run) return null;
  return (
    <li className="run-item" data-testid="automation-run" data-run-id={run.id} data-state={run.state}>
      <div className="run-line">
        <time className="run-when" dateTime={run.firedAt} title={new Date(run.firedAt).toLocaleString()}>
          {formatWhen(run.firedAt)}
        </time>
        <span className={`status status-${runTone(run)}`} data-testid="run-state">
          <span className="status-dot" aria-hidden="true" />
          <span className="status-text">{runStateText(run)}</span>
        </span>
        {run.late && (
          <span className="badge warn" data-testid="run-late" title="It fired later than due">
            late
          </span>
        )}
        <span className="run-reason" data-testid="run-reason">
          {run.reason}
        </span>
      </div>
      {run.detail && (
        <p className="hint run-detail" data-testid="run-detail">
          {run.detail}
        </p>
      )}
      <RunTasks taskIds={run.taskIds} />
    </li>
  );
}
