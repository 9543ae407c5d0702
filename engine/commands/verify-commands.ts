import { assertFolder } from '../store/engine-config.js';
import { verifyTaskNow } from '../verify/request-verify.js';
import { suggestVerifyCommands } from '../verify/suggest-verify.js';
import type { Handlers } from './handler.js';

/** Verify commands: suggestions for a repository, and running a task's checks now. */
export const verifyCommands: Handlers<'repo/suggestVerify' | 'task/verify'> = {
  async 'repo/suggestVerify'(context, { repoId }) {
    const entry = context.config.requireRepo(repoId);
    assertFolder(entry);
    return { suggestions: suggestVerifyCommands(entry.repo.path) };
  },
  async 'task/verify'(context, { taskId }) {
    return verifyTaskNow(context, taskId);
  },
};
