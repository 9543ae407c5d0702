import type { EngineContext } from '../engine-context.js';
import type { Handlers } from './handler.js';

/** Facts about the running engine, for `engine/info`. */
export interface EngineFacts {
  version: string;
  startedAt: string;
}

/** Engine-wide commands: info, settings, agents. */
export function engineCommands(facts: EngineFacts): Handlers<'engine/info' | 'settings/get' | 'settings/update' | 'agent/list'> {
  return {
    async 'engine/info'(context: EngineContext) {
      return { version: facts.version, home: context.paths.home, pid: process.pid, startedAt: facts.startedAt, notices: [...context.notices] };
    },
    async 'settings/get'(context) {
      return { settings: context.settings };
    },
    async 'settings/update'(context, params) {
      Object.assign(context.settings, Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)));
      context.saveConfig();
      return { settings: context.settings };
    },
    async 'agent/list'(context) {
      const agents = await Promise.all(
        [...context.agents.values()].map(async (agent) => ({ id: agent.id, name: agent.name, ...(await agent.detect()) })),
      );
      return { agents };
    },
  };
}
