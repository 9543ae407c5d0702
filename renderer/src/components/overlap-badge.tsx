import type { OverlapView } from './overlap-view.js';

/**
 * A warning next to a task's status when another open task on its base changes the same files: how many, and whether
 * their changes conflict; the tooltip names each task and the files.
 */
export function OverlapBadge({ view, className = 'meta-item' }: { view: OverlapView; className?: string }) {
  if (view.label === '') return null;
  return (
    <span
      className={`${className} warn`}
      data-testid="task-overlap"
      data-conflicts={view.conflicts ? 'true' : 'false'}
      title={view.title}
    >
      <span aria-hidden="true">⚠</span> {view.label}
      <span className="visually-hidden">: {view.title}</span>
    </span>
  );
}
