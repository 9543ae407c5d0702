import { describeOverlaps, type Overlap } from '../../../shared/overlap.js';

/** What a task's overlap badge shows. */
export interface OverlapView {
  /** "overlaps 1 task", "conflicts with 2 tasks"; empty when the task overlaps none. */
  label: string;
  /** Each overlap in a sentence, for the tooltip and screen readers. */
  title: string;
  conflicts: boolean;
}

/** The badge for a task's overlaps: how many other tasks, or how many conflict when any does. */
export function overlapView(overlaps: readonly Overlap[]): OverlapView {
  if (overlaps.length === 0) return { label: '', title: '', conflicts: false };
  const conflicting = overlaps.filter((overlap) => overlap.conflicts === true).length;
  const count = conflicting > 0 ? conflicting : overlaps.length;
  const tasks = `${count} ${count === 1 ? 'task' : 'tasks'}`;
  return {
    label: conflicting > 0 ? `conflicts with ${tasks}` : `overlaps ${tasks}`,
    title: describeOverlaps(overlaps),
    conflicts: conflicting > 0,
  };
}
