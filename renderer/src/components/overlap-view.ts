import { describeOverlap, type Overlap } from '../../../shared/overlap.js';

/** Overlaps a badge's tooltip names one by one; the rest it counts (the thread names every one). */
const overlapsNamed = 3;

/** What a task's overlap badge shows. */
export interface OverlapView {
  /** "overlaps 1 task", "conflicts with 2 tasks"; empty when the task overlaps none. */
  label: string;
  /** The overlaps in sentences, conflicting ones first, for the tooltip and screen readers. */
  title: string;
  conflicts: boolean;
}

/** The badge for a task's overlaps: how many other tasks, or how many conflict when any does. */
export function overlapView(overlaps: readonly Overlap[]): OverlapView {
  if (overlaps.length === 0) return { label: '', title: '', conflicts: false };
  const conflicting = overlaps.filter((overlap) => overlap.conflicts === true).length;
  const count = conflicting > 0 ? conflicting : overlaps.length;
  return {
    label: conflicting > 0 ? `conflicts with ${tasks(count)}` : `overlaps ${tasks(count)}`,
    title: overlapTitle(overlaps),
    conflicts: conflicting > 0,
  };
}

/**
 * The first few overlaps in sentences (conflicts first, then the rest in the engine's order) and how many more: with
 * dozens of tasks on the same files, a tooltip naming all of them would be unreadable, and each row would hold it.
 */
function overlapTitle(overlaps: readonly Overlap[]): string {
  const ordered = [
    ...overlaps.filter((overlap) => overlap.conflicts === true),
    ...overlaps.filter((overlap) => overlap.conflicts !== true),
  ];
  const named = ordered.slice(0, overlapsNamed).map(describeOverlap);
  const more = ordered.length - named.length;
  if (more > 0)
    named.push(
      `${more} more ${more === 1 ? 'task changes' : 'tasks change'} some of the same files; the thread names each.`,
    );
  return named.join(' ');
}

function tasks(count: number): string {
  return `${count} ${count === 1 ? 'task' : 'tasks'}`;
}
