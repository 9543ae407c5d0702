/** What a task's overlap badge shows, flattened so rows compare it field by field. */
export interface OverlapView {
  /** "overlaps 1 task", "conflicts with 2 tasks"; empty when the task overlaps none. */
  label: string;
  /** Each overlap in a sentence, for the tooltip and screen readers. */
  title: string;
  conflicts: boolean;
}

/**
 * A warning next to a task's status when another open task on its base changes the same files: how many, and whether
 * their changes conflict; the tooltip names each task and the files.
 */
export function OverlapBadge({ view }: { view: OverlapView }) {
  if (view.label === '') return null;
  return (
    <span
      className="meta-item warn"
      data-testid="task-overlap"
      data-conflicts={view.conflicts ? 'true' : 'false'}
      title={view.title}
    >
      <span aria-hidden="true">⚠</span> {view.label}
      <span className="visually-hidden">: {view.title}</span>
    </span>
  );
}
