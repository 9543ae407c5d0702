import { z } from 'zod';

export * from './overlap-words.js';

/** Another active task on the same base branch that changes some of the same files as this one. */
export const overlapSchema = z.object({
  taskId: z.string(),
  /** The other task's title when the overlap was found. */
  title: z.string(),
  /** The files both tasks change against their base, sorted. */
  files: z.array(z.string()),
  /** True when merging one task's work onto the other's conflicts, false when it merges cleanly; null until checked. */
  conflicts: z.boolean().nullable(),
});
/** One overlap of a task with another. */
export type Overlap = z.infer<typeof overlapSchema>;
