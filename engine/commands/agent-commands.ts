import type { CommandResult } from '../../shared/commands.js';
import type { Agent } from '../agents/agent.js';
import { readAgentSettings, updateAgentEntry, type AgentSettings } from '../agents/external/agent-settings.js';
import { agentModels } from '../agents/model-choices.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import type { Handlers } from './handler.js';

/** Agents: which can run, and the program path and login of the external ones. */
export const agentCommands: Handlers<'agent/list' | 'agent/configure'> = {
  async 'agent/list'(context) {
    const settings = readAgentSettings(context.paths.home);
    return {
      agents: await Promise.all([...context.agents.values()].map((agent) => agentInfo(context, agent, settings))),
    };
  },
  async 'agent/configure'(context, { agentId, path, configHome }) {
    const agent = context.agents.get(agentId);
    if (!agent)
      throw new EngineError('notFound', `No agent "${agentId}". Agents: ${[...context.agents.keys()].join(', ')}.`);
    if (!isExternal(agentId))
      throw new EngineError(
        'invalidInput',
        `${agent.name} is part of Flotilla; there is no program path or login to set.`,
      );
    if (configHome !== undefined && !hasConfigHome(agentId)) {
      throw new EngineError('invalidInput', `${agent.name} has no choice of login; only Claude Code and Codex do.`);
    }
    let settings;
    try {
      settings = updateAgentEntry(context.paths.home, agentId, {
        ...(path !== undefined ? { path } : {}),
        ...(configHome !== undefined ? { configHome } : {}),
      });
    } catch (error) {
      throw new EngineError('invalidInput', error instanceof Error ? error.message : String(error));
    }
    return { agent: await agentInfo(context, agent, settings) };
  },
};

const isExternal = (id: string) => id === 'claude-code' || id === 'codex' || id.startsWith('acp:');
const hasConfigHome = (id: string) => id === 'claude-code' || id === 'codex';

/** An agent as the picker and Settings show it: whether it can run, what the user set for it, and its models. */
async function agentInfo(
  context: EngineContext,
  agent: Agent,
  settings: AgentSettings,
): Promise<CommandResult<'agent/list'>['agents'][number]> {
  const entry = settings.entries[agent.id] ?? {};
  const { vault } = context;
  const sources = {
    settings: context.config.settings,
    prices: () => vault.prices(),
    providerConfig: vault.providerConfig.bind(vault),
  };
  return {
    id: agent.id,
    name: agent.name,
    ...(await agent.detect()),
    configurable: isExternal(agent.id),
    leadsTeams: agent.teamAccess !== undefined,
    path: entry.path ?? null,
    configHome: hasConfigHome(agent.id) ? (entry.configHome ?? 'flotilla') : null,
    ...agentModels(agent.id, agent.name, sources),
  };
}
