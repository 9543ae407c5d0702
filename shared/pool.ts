import { z } from 'zod';

/** Schema for one worktree of a repository's warm pool, as Settings lists it. */
export const poolWorktreeSchema = z.object({
  path: z.string(),
  /** The base commit it is checked out at (detached). */
  commit: z.string(),
  /** filling: being made or moved to a new base tip; ready: a new task on that base can claim it. */
  state: z.enum(['filling', 'ready']),
  /** Disk it uses, in bytes (its files, without git's shared objects); null until measured. */
  bytes: z.number().nullable(),
});
/** One worktree of a warm pool. */
export type PoolWorktree = z.infer<typeof poolWorktreeSchema>;

/** The warm pool's commands: its worktrees, and removing them all. */
export const poolCommands = {
  /** A repository's pool worktrees (never tasks), with the disk they use. */
  'pool/list': {
    params: z.object({ repoId: z.string().min(1) }),
    result: z.object({ base: z.string().nullable(), worktrees: z.array(poolWorktreeSchema) }),
  },
  /** Removes the pool worktrees of one repository (or all); the pool fills again at the next dispatch. */
  'pool/clear': {
    params: z.object({ repoId: z.string().optional() }),
    result: z.object({ removed: z.number().int() }),
  },
} as const;
