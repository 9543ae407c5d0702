import type { z } from 'zod';
import type { modelChoiceSchema } from '../../shared/commands.js';
import { providerIds, type EngineSettings, type ModelPrice, type ProviderId } from '../../shared/repo.js';

/** A model the model picker offers. */
export type ModelChoice = z.infer<typeof modelChoiceSchema>;

/** What the composer's model field offers and says for one agent. */
export interface AgentModels {
  models: ModelChoice[];
  /** What an empty field means: a model name, or null for the agent's own default. */
  defaultModel: string | null;
  /** One line of help under the field: the form names take and what empty means. */
  modelHint: string;
  /** False for agents that choose their model themselves (ACP agents, the scripted agent). */
  acceptsModel: boolean;
}

/** What the choices are made from: the engine's settings, prices and providers. */
export interface ModelSources {
  settings: EngineSettings;
  prices(): Record<string, ModelPrice>;
  providerConfig(id: ProviderId): { apiKey: string | null; baseUrl: string | null };
}

const claudeAliases: ModelChoice[] = [
  { id: 'sonnet', detail: 'latest Sonnet' },
  { id: 'opus', detail: 'latest Opus' },
  { id: 'haiku', detail: 'latest Haiku' },
];
const codexModels: ModelChoice[] = [{ id: 'gpt-5-codex', detail: 'tuned for Codex' }];

/** The price table's model names of one provider, without the `provider:` prefix. */
function pricedModels(sources: ModelSources, provider: ProviderId): string[] {
  const prefix = `${provider}:`;
  return Object.keys(sources.prices())
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .sort();
}

function configured(sources: ModelSources, provider: ProviderId): boolean {
  const config = sources.providerConfig(provider);
  return provider === 'compatible' ? config.baseUrl !== null : config.apiKey !== null;
}

/**
 * The model choices for an agent. The built-in agent: the price table's models as
 * `provider:model`, those of providers with a key first (the live lists from provider/models are
 * added by the window). Claude Code: its aliases and full Claude names. Codex: its models. Agents
 * that pick their own model get none.
 */
export function agentModels(agentId: string, agentName: string, sources: ModelSources): AgentModels {
  if (agentId === 'builtin') {
    const ready = providerIds.filter((id) => configured(sources, id));
    const order = [...ready, ...providerIds.filter((id) => !ready.includes(id))];
    const models = order.flatMap((provider) =>
      pricedModels(sources, provider).map((model): ModelChoice => ({
        id: `${provider}:${model}`,
        ...(ready.includes(provider) ? {} : { detail: provider === 'compatible' ? 'no base URL set' : 'no key set' }),
      })),
    );
    return {
      models,
      defaultModel: sources.settings.defaultModel,
      modelHint: 'Written provider:model: anthropic:…, openai:…, or compatible:<name> for an OpenAI-compatible server.',
      acceptsModel: true,
    };
  }
  if (agentId === 'claude-code') {
    return {
      models: [...claudeAliases, ...pricedModels(sources, 'anthropic').map((id) => ({ id }))],
      defaultModel: null,
      modelHint: 'A Claude Code model: an alias (sonnet, opus, haiku) or a full name such as claude-sonnet-4-6.',
      acceptsModel: true,
    };
  }
  if (agentId === 'codex') {
    return {
      models: [...codexModels, ...pricedModels(sources, 'openai').map((id) => ({ id }))],
      defaultModel: null,
      modelHint: 'A Codex model name, such as gpt-5-codex or gpt-5.',
      acceptsModel: true,
    };
  }
  return {
    models: [],
    defaultModel: null,
    modelHint: `${agentName} picks its own model; Flotilla does not pass one on.`,
    acceptsModel: false,
  };
}
