import { EngineError } from '../errors.js';
import type { Handlers } from './handler.js';

/** Group commands: a group of attempts, its ranking, synthesis and pick. */
export const groupCommands: Handlers<'group/get' | 'group/judge' | 'group/synthesize' | 'group/pick'> = {
  async 'group/get'() {
    throw new EngineError('internal', 'group/get is not built yet.');
  },
  async 'group/judge'() {
    throw new EngineError('internal', 'group/judge is not built yet.');
  },
  async 'group/synthesize'() {
    throw new EngineError('internal', 'group/synthesize is not built yet.');
  },
  async 'group/pick'() {
    throw new EngineError('internal', 'group/pick is not built yet.');
  },
};
