import { protocolVersion } from '../../shared/protocol.js';
import type { EngineContext } from '../engine-context.js';
import type { Handlers } from './handler.js';

/** Facts about the running engine, for `engine/info`. */
export interface EngineFacts {
  version: string;
  startedAt: string;
}

/** Engine-wide commands: info. */
export function engineCommands(facts: EngineFacts): Handlers<'engine/info'> {
  return {
    async 'engine/info'(context: EngineContext) {
      return {
        version: facts.version,
        home: context.paths.home,
        pid: process.pid,
        startedAt: facts.startedAt,
        notices: [...context.notices],
        protocolVersion,
      };
    },
  };
}
