import { useState } from 'react';
import type { MergePreview } from '../../../shared/diff.js';
import { describeVerify } from '../../../shared/verify.js';
import { InlineCode } from '../components/inline-code.js';
import { RunChecksButton } from '../views/thread/run-checks.js';

/** The checks part of a merge preview. */
export type MergeChecks = NonNullable<MergePreview['checks']>;

/** True when the repository requires passing checks and this merge's are not a pass on the tip being merged. */
export function checksBlock(checks: MergePreview['checks'] | undefined): boolean {
  return checks != null && checks.required && checks.command !== null && checks.state !== 'passed';
}

/** The merge dialog's line about the checks: the last result and whether it ran on the tip being merged. */
export function checksText(checks: MergeChecks): string {
  const result = checks.result ? describeVerify(checks.result) : null;
  switch (checks.state) {
    case 'none':
      return checks.command === null
        ? 'No checks are set for this repository.'
        : `The checks (\`${checks.command}\`) have not run on this task.`;
    case 'running':
      return `The checks (\`${checks.command ?? ''}\`) are running.`;
    case 'passed':
      return `Checks passed on the commit being merged: ${result ?? ''}.`;
    case 'failed':
      return `Checks failed on the commit being merged: ${result ?? ''}.`;
    case 'stale':
      return `The last checks ran on an older commit${checks.result?.commit ? ` (${checks.result.commit.slice(0, 10)})` : ''}, not the one being merged: ${result ?? ''}.`;
    default: {
      const unreachable: never = checks.state;
      return unreachable;
    }
  }
}

const marks: Record<MergeChecks['state'], string> = { none: '○', running: '…', passed: '✓', failed: '✗', stale: '○' };

/** The checks as the merge dialog shows them; `refused` leaves saying they are required to the engine's message. */
export function MergeChecksNote({ checks, refused = false }: { checks: MergeChecks; refused?: boolean }) {
  const tone = checks.state === 'passed' ? 'ok' : checks.state === 'failed' ? 'bad' : 'muted';
  return (
    <p className={`fl-review-checks fl-review-checks-${tone}`} data-testid="merge-checks" data-state={checks.state}>
      <span aria-hidden="true">{marks[checks.state]}</span> <InlineCode text={checksText(checks)} />
      {checksBlock(checks) && !refused && ' This repository requires passing checks to merge.'}
    </p>
  );
}

/**
 * What the dialog offers once the engine refused a merge for its checks: run them now (then preview again), or merge
 * anyway after saying so a second time.
 */
export function UnverifiedChoices({
  taskId,
  onChecked,
  onMergeAnyway,
}: {
  taskId: string;
  onChecked(): void;
  onMergeAnyway(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (confirming) {
    return (
      <div
        className="fl-review-warning"
        role="group"
        aria-label="Merge without passing checks"
        data-testid="merge-anyway-confirm"
      >
        <p>
          Merge without passing checks? The repository asks for them; the merge goes ahead as it is, and nothing checks
          it first.
        </p>
        <div className="fl-review-base-actions">
          <button
            type="button"
            className="fl-review-danger"
            onClick={onMergeAnyway}
            data-testid="merge-anyway-confirm-button"
            data-autofocus
          >
            Merge anyway
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Back
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      <div className="fl-review-base-actions" data-testid="unverified-choices">
        <RunChecksButton taskId={taskId} className="fl-review-primary" onDone={onChecked} onError={setError} />
        <button type="button" onClick={() => setConfirming(true)} data-testid="merge-anyway">
          Merge anyway…
        </button>
      </div>
      {error && (
        <p role="alert" className="fl-review-error" data-testid="merge-run-checks-error">
          {error}
        </p>
      )}
    </>
  );
}
