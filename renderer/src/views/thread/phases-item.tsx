import { formatDuration } from '../../components/format.js';
import { phaseLabel } from '../../components/status-text.js';
import type { ThreadItemOf } from '../../../../shared/thread-items.js';
import { Expandable } from './expandable.js';

/** The worktree preparation: each phase with its timing, and the setup script's output when opened. */
export function PhasesItem({ item, taskId }: { item: ThreadItemOf<'phases'>; taskId: string }) {
  const total = item.phases.reduce((sum, row) => sum + (row.durationMs ?? 0), 0);
  const title =
    item.state === 'ready'
      ? `Worktree ready in ${formatDuration(total)}`
      : item.state === 'failed'
        ? 'Preparing the worktree failed'
        : 'Preparing the worktree…';
  return (
    <Expandable
      expandKey={`${taskId}/${item.id}`}
      label={title}
      testId="phases"
      summary={
        <span className={`phases-summary phases-${item.state}`}>
          {item.state === 'running' ? (
            <span className="spinner" aria-hidden="true" />
          ) : (
            <span className={item.state === 'ready' ? 'ok' : 'bad'} aria-hidden="true">
              {item.state === 'ready' ? '✓' : '✗'}
            </span>
          )}
          {title}
        </span>
      }
    >
      <ul className="phase-list">
        {item.phases.map((row) => (
          <li key={row.phase} className={`phase-${row.state}`}>
            <span>{phaseLabel(row.phase)}</span>
            <span className="meta-item">
              {row.state === 'started' ? '…' : row.durationMs !== null ? formatDuration(row.durationMs) : row.state}
            </span>
            <span className="phase-detail" title={row.detail ?? undefined}>
              {row.detail ?? ''}
            </span>
          </li>
        ))}
      </ul>
      {item.output && <pre className="code-block">{item.output}</pre>}
    </Expandable>
  );
}
