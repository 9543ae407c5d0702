import { EngineError } from '../errors.js';
import type { Handlers } from './handler.js';

/** Verify commands: suggestions for a repository, and running a task's checks now. */
export const verifyCommands: Handlers<'repo/suggestVerify' | 'task/verify'> = {
  async 'repo/suggestVerify'() {
    throw new EngineError('internal', 'repo/suggestVerify is not built yet.');
  },
  async 'task/verify'() {
    throw new EngineError('internal', 'task/verify is not built yet.');
  },
};
