import { z } from 'zod';
import { verifyResultSchema } from './verify.js';

/** How a file changed. */
export const fileChangeStatuses = ['added', 'modified', 'deleted', 'renamed', 'copied', 'typeChanged'] as const;

/** Schema for one hunk of a file's diff; lines keep their leading ' ', '+', '-' or '\\'. */
export const diffHunkSchema = z.object({
  header: z.string(),
  oldStart: z.number(),
  oldLines: z.number(),
  newStart: z.number(),
  newLines: z.number(),
  lines: z.array(z.string()),
});
/** One hunk of a file's diff. */
export type DiffHunk = z.infer<typeof diffHunkSchema>;

/** Schema for one changed file. */
export const diffFileSchema = z.object({
  path: z.string(),
  oldPath: z.string().nullable(),
  status: z.enum(fileChangeStatuses),
  binary: z.boolean(),
  additions: z.number(),
  deletions: z.number(),
  hunks: z.array(diffHunkSchema),
  /** Set when the file's hunks were cut short; says why and how much was left out. */
  truncated: z.object({ reason: z.string(), omittedLines: z.number() }).nullable(),
});
/** One changed file. */
export type DiffFile = z.infer<typeof diffFileSchema>;

/** Schema for a task's whole diff against the merge-base with its base. */
export const taskDiffSchema = z.object({
  mergeBase: z.string(),
  baseRef: z.string(),
  files: z.array(diffFileSchema),
  additions: z.number(),
  deletions: z.number(),
  /** Commits on the base that the task branch does not have yet (the base moved on since it started). */
  behind: z.number().int().default(0),
  /**
   * Set when this is a merged task's change read from the repository (its worktree was removed):
   * the merge commit's own change, or (`source: 'branch'`) its branch against its base when that commit is gone.
   */
  merged: z
    .object({
      commit: z.string().nullable(),
      into: z.string().nullable(),
      mode: z.enum(['squash', 'merge']).nullable(),
      source: z.enum(['mergeCommit', 'branch']),
    })
    .nullable()
    .default(null),
});
/** A task's whole diff against the merge-base with its base. */
export type TaskDiff = z.infer<typeof taskDiffSchema>;

/** Schema for the user's checkout of a merge's target branch, as the merge preview reports it. */
export const targetCheckoutSchema = z.object({
  /** The folder that has the target branch checked out. */
  path: z.string(),
  /**
   * Its uncommitted or untracked files that the merge changes. Git refuses to overwrite them, so
   * while any is listed the merge cannot go through: commit or stash them there first.
   */
  blocking: z.array(z.string()),
});
/** The user's checkout of a merge's target branch. */
export type TargetCheckout = z.infer<typeof targetCheckoutSchema>;

/** Schema for the result of a merge preview. */
export const mergePreviewSchema = z.object({
  clean: z.boolean(),
  conflicts: z.array(z.string()),
  into: z.string(),
  /** The tip of the target branch the preview was computed against. */
  intoCommit: z.string(),
  /** The task's state (branch plus working tree) the preview merged. */
  taskCommit: z.string(),
  filesChanged: z.number(),
  /** Files still holding conflict markers from bringing in the base; merging refuses until they are resolved. */
  unresolved: z.array(z.string()).default([]),
  /**
   * The user's own checkout of the target branch, which the merge fast-forwards; null when no
   * worktree has the target checked out (the branch then simply moves).
   */
  checkout: targetCheckoutSchema.nullable().default(null),
  /** The commit message Flotilla suggests (shared/merge-message.ts); empty from engines that predate it. */
  suggestedMessage: z.string().default(''),
  /** The task's checks as they stand for this merge; null from engines that predate verify. */
  checks: z
    .object({
      /** The repository's verify command for this task; null when none is set. */
      command: z.string().nullable(),
      /** True when the repository requires a passing, current result to merge. */
      required: z.boolean(),
      state: z.enum(['none', 'running', 'passed', 'failed', 'stale']),
      result: verifyResultSchema.nullable(),
    })
    .nullable()
    .default(null),
});
/** The result of a merge preview. */
export type MergePreview = z.infer<typeof mergePreviewSchema>;
