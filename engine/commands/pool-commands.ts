import { requireRepo } from './repo-commands.js';
import type { Handlers } from './handler.js';

/** Warm pool commands: list a repository's prepared worktrees, remove them. */
export const poolCommands: Handlers<'pool/list' | 'pool/clear'> = {
  async 'pool/list'(context, { repoId }) {
    requireRepo(context, repoId);
    return context.pool.list(repoId);
  },
  async 'pool/clear'(context, { repoId }) {
    if (repoId !== undefined) requireRepo(context, repoId);
    return { removed: await context.pool.clear(repoId) };
  },
};
