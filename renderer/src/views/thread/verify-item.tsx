import type { ThreadItemOf } from '../../../../shared/thread-items.js';
import { describeVerify, type VerifyResult } from '../../../../shared/verify.js';
import { formatDuration } from '../../components/format.js';
import { useStore } from '../../store/store.js';
import { Expandable } from './expandable.js';

/** Lines of a failed run's output shown without opening the step: the end, where failures are. */
const tailLines = 6;

/** How a finished run ended, in a few words for the step's row: "passed", "exited 1", "timed out". */
export function verifyOutcomeText(result: VerifyResult): string {
  switch (result.outcome) {
    case 'passed':
      return 'passed';
    case 'failed':
      return result.exitCode === null ? 'killed by a signal' : `exited ${result.exitCode}`;
    case 'timedOut':
      return 'ran past its time limit';
    case 'notFound':
      return 'command not found';
    case 'failedToStart':
      return 'could not start';
    case 'stopped':
      return 'stopped';
    default: {
      const unreachable: never = result.outcome;
      return unreachable;
    }
  }
}

/** What the step says about retries: "Verify failed, retry 1 of 2" when the failure went back to the agent. */
export function verifyRetryText(item: ThreadItemOf<'verify'>): string | null {
  if (item.state !== 'failed') return null;
  if (item.willRetry) return `Verify failed, retry ${item.retry + 1} of ${item.retries}`;
  if (item.trigger === 'turn' && item.retries > 0 && item.retry >= item.retries)
    return `Verify failed after ${item.retries} ${item.retries === 1 ? 'retry' : 'retries'}`;
  return null;
}

function lastLines(text: string, count: number): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(-count)
    .join('\n')
    .replace(/^(\s*\n)+/, '');
}

/** Output as shown: without the blank lines tools print around it. */
function trimmed(text: string): string {
  return text.trimEnd().replace(/^(\s*\n)+/, '');
}

/**
 * A verify step: the command, a spinner and the streamed output while it runs (open the row to watch), then passed or
 * failed with the exit code and duration; a failure shows the end of its output and, when it went back to the agent,
 * "Verify failed, retry 1 of 2".
 */
export function VerifyItem({ item, taskId }: { item: ThreadItemOf<'verify'>; taskId: string }) {
  const result = item.result;
  const output = result?.outputTail ?? item.output;
  const cut = result ? result.outputChars > result.outputTail.length : item.outputTruncated;
  const retryText = verifyRetryText(item);
  const open = useStore((state) => state.expandedItems[`${taskId}/${item.id}`] === true);
  const icon =
    item.state === 'running' ? (
      <span className="spinner" aria-label="Running" />
    ) : item.state === 'passed' ? (
      <span className="ok" aria-label="Passed">
        ✓
      </span>
    ) : (
      <span className="bad" aria-label="Failed">
        ✗
      </span>
    );
  const liveLine = item.state === 'running' ? lastLines(item.output, 1) : '';
  const label = result
    ? `Checks: ${describeVerify(result)}${retryText ? `. ${retryText}` : ''}`
    : `Checks running: ${item.command}`;
  return (
    <div className={`verify-step verify-step-${item.state}`} data-testid="verify-step" data-state={item.state}>
      <Expandable
        expandKey={`${taskId}/${item.id}`}
        label={label}
        testId="verify-step-toggle"
        summary={
          <span className="tool-summary verify-summary">
            {icon}
            <span className="tool-name">{item.trigger === 'request' ? 'Checks (run by you)' : 'Checks'}</span>
            <code className="verify-command">{item.command}</code>
            <span className={`verify-outcome ${item.state === 'passed' ? 'ok' : item.state === 'failed' ? 'bad' : ''}`}>
              {result ? verifyOutcomeText(result) : 'running…'}
            </span>
            {liveLine && <code className="tool-hint">{liveLine}</code>}
            {result && (
              <span className="meta-item" data-testid="verify-duration">
                {formatDuration(result.durationMs)}
              </span>
            )}
          </span>
        }
      >
        <div className="tool-section-label">
          {item.state === 'running' ? 'Output so far' : 'Output'}
          {cut ? ' (last part)' : ''}
        </div>
        <pre className="code-block verify-output">{trimmed(output) || '(no output)'}</pre>
      </Expandable>
      {item.state === 'failed' && !open && output.trim() && (
        <pre className="code-block verify-tail" data-testid="verify-tail" aria-label="End of the checks' output">
          {lastLines(output, tailLines)}
        </pre>
      )}
      {retryText && (
        <div className={`line-item verify-retry${item.willRetry ? ' warn' : ' bad'}`} data-testid="verify-retry">
          {retryText}
          {item.willRetry ? ': the output went back to the agent.' : '.'}
        </div>
      )}
    </div>
  );
}
