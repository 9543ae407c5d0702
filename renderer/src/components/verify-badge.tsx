import type { VerifyView } from './verify-status.js';

const marks: Record<VerifyView['state'], string> = {
  running: '…',
  retrying: '↻',
  passed: '✓',
  failed: '✗',
  stale: '○',
};

/** A task's checks as a small label next to its status: "✓ Verified", "↻ Retry 1 of 2", "✗ Failed verification". */
export function VerifyBadge({ view, className = 'meta-item' }: { view: VerifyView; className?: string }) {
  return (
    <span
      className={`${className} verify-badge verify-${view.state}`}
      data-testid="task-verify"
      data-verify={view.state}
      title={view.title || undefined}
    >
      <span aria-hidden="true">{marks[view.state]}</span> {view.label}
    </span>
  );
}
