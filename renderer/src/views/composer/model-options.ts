import type { ProviderId } from '../../../../shared/repo.js';
import type { ComboOption } from '../../components/combobox.js';
import type { AgentInfo, ModelChoice } from '../../store/settings-slice.js';

/**
 * The models the model field offers for an agent: the agent's own choices, and for the built-in
 * agent also what each ready provider listed (live, so models newer than the price table show
 * up). Without agent info (an older engine), the price table's models.
 */
export function modelOptions(
  agent: AgentInfo | undefined,
  providerModels: Partial<Record<ProviderId, ModelChoice[]>>,
  priced: readonly string[],
): ComboOption[] {
  const base: ModelChoice[] = agent?.models ?? priced.map((id) => ({ id }));
  const live =
    agent === undefined || agent.id === 'builtin'
      ? Object.values(providerModels).flatMap((models) => models ?? [])
      : [];
  const seen = new Set<string>();
  const options: ComboOption[] = [];
  for (const choice of [...base, ...live]) {
    if (seen.has(choice.id)) continue;
    seen.add(choice.id);
    const detail = [choice.label, choice.detail].filter(Boolean).join(' · ');
    options.push({ value: choice.id, ...(detail ? { detail } : {}) });
  }
  return options;
}

/** What an empty model field means for an agent, as the placeholder says it. */
export function modelPlaceholder(agent: AgentInfo | undefined, fallback: string): string {
  if (!agent) return fallback ? `${fallback} (default)` : 'provider:model';
  if (agent.acceptsModel === false) return 'This agent picks its own model';
  // The built-in agent's default is the one in Settings now, which may have changed since agent/list.
  const model = agent.id === 'builtin' ? fallback || agent.defaultModel : agent.defaultModel;
  return model ? `${model} (default)` : `${agent.name}’s own default`;
}

/** Whether the agent takes a model from Flotilla (unknown agents and older engines: yes). */
export function takesModel(agents: readonly AgentInfo[], agentId: string): boolean {
  return agents.find((agent) => agent.id === agentId)?.acceptsModel !== false;
}
