// Overlaps in words without zod, for the CLI's start-up (see verify-state.ts).
import type { Overlap } from './overlap.js';

/** Files named in a one-line summary before "and N more". */
const filesNamed = 3;

/** The files of an overlap in a short list: "a.ts, b.ts, c.ts and 2 more". */
export function overlapFiles(files: readonly string[]): string {
  const named = files.slice(0, filesNamed).join(', ');
  return files.length > filesNamed ? `${named} and ${files.length - filesNamed} more` : named;
}

/** One sentence saying which task this one overlaps with, on which files, and whether their changes conflict. */
export function describeOverlap(overlap: Overlap): string {
  const files = `${overlap.files.length === 1 ? 'file' : 'files'} ${overlapFiles(overlap.files)}`;
  const conflict =
    overlap.conflicts === null ? '' : overlap.conflicts ? '; their changes conflict' : '; their changes merge cleanly';
  return `Changes the same ${files} as “${overlap.title}” (${overlap.taskId})${conflict}.`;
}

/** The thread's line for a change of overlaps: each overlap, or that none is left. */
export function describeOverlaps(overlaps: readonly Overlap[]): string {
  if (overlaps.length === 0) return 'No longer changes the same files as another active task.';
  return overlaps.map(describeOverlap).join(' ');
}

/** The short label for a list column or badge: "t-2 (conflicts)", "t-2, t-3", or '' for none. */
export function overlapLabel(overlaps: readonly Overlap[]): string {
  return overlaps.map((overlap) => `${overlap.taskId}${overlap.conflicts ? ' (conflicts)' : ''}`).join(', ');
}

/** True when two overlap lists say the same. */
export function sameOverlaps(a: readonly Overlap[], b: readonly Overlap[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
