/** Serializes git operations that take repository-wide locks (worktree add/remove, ref updates). */
const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier call with the same key has settled. Keys are the realpath of
 * a repository's common git dir, so a repo and all its worktrees share one queue.
 */
export async function withRepoLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
