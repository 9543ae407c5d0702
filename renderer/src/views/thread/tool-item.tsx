import { formatDuration } from '../../components/format.js';
import type { ThreadItemOf } from '../../../../shared/thread-items.js';
import { Expandable, showValue } from './expandable.js';

/** A one-line hint of what a tool call is about (its command, path or pattern). */
export function toolHint(input: unknown): string {
  if (typeof input !== 'object' || input === null) return typeof input === 'string' ? input : '';
  const record = input as Record<string, unknown>;
  for (const key of ['command', 'path', 'file_path', 'pattern', 'query', 'url']) {
    const value = record[key];
    if (typeof value === 'string') return value;
  }
  return '';
}

/** A tool call: name, hint, live state and duration; opens to show arguments, live output and result. */
export function ToolItem({ item, taskId }: { item: ThreadItemOf<'tool'>; taskId: string }) {
  const icon =
    item.state === 'running' ? (
      <span className="spinner" aria-label="Running" />
    ) : item.state === 'ok' ? (
      <span className="ok" aria-label="Succeeded">
        ✓
      </span>
    ) : (
      <span className="bad" aria-label="Failed">
        ✗
      </span>
    );
  const hint = toolHint(item.input);
  return (
    <Expandable
      expandKey={`${taskId}/${item.id}`}
      label={`Tool call ${item.name}${hint ? `: ${hint}` : ''}, ${item.state === 'running' ? 'running' : item.state === 'ok' ? 'succeeded' : 'failed'}`}
      testId="tool-call"
      summary={
        <span className={`tool-summary tool-${item.state}`} data-state={item.state}>
          {icon}
          <span className="tool-name">{item.name}</span>
          {hint && <code className="tool-hint">{hint.length > 160 ? `${hint.slice(0, 160)}…` : hint}</code>}
          {item.durationMs !== null && <span className="meta-item">{formatDuration(item.durationMs)}</span>}
        </span>
      }
    >
      <div className="tool-section-label">Arguments</div>
      <pre className="code-block">{showValue(item.input)}</pre>
      {item.output && (
        <>
          <div className="tool-section-label">Output{item.outputTruncated ? ' (last part)' : ''}</div>
          <pre className="code-block">{item.output}</pre>
        </>
      )}
      {item.result !== null && (
        <>
          <div className="tool-section-label">{item.state === 'error' ? 'Error' : 'Result'}</div>
          <pre className={`code-block${item.state === 'error' ? ' bad' : ''}`}>{item.result}</pre>
        </>
      )}
    </Expandable>
  );
}
