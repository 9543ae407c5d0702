import { providerEnvironment } from '../../shared/provider-environment.js';
import type { ProviderId } from '../../shared/repo.js';
import type { EngineContext } from '../engine-context.js';
import { parseModelKey } from '../agents/builtin/providers/index.js';

/** The judge model to use, or why there is none (in words that say what to set). */
export type JudgeChoice = { kind: 'model'; modelKey: string } | { kind: 'none'; reason: string };

/** The strongest model of each provider, tried in this order when the judgeModel setting is empty. */
const strongest: ReadonlyArray<{ provider: ProviderId; model: string }> = [
  { provider: 'anthropic', model: 'anthropic:claude-opus-4-5' },
  { provider: 'openai', model: 'openai:gpt-5' },
];

const providerNames: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  compatible: 'the OpenAI-compatible server',
};

/** How to configure a judge, for messages. */
export const judgeHowTo =
  'Set an Anthropic or OpenAI key (ANTHROPIC_API_KEY / OPENAI_API_KEY, or the Providers settings), or choose a judge with the judgeModel setting (provider:model).';

function configured(context: EngineContext, provider: ProviderId): boolean {
  const config = context.vault.providerConfig(provider);
  return provider === 'compatible' ? config.baseUrl !== null : config.apiKey !== null;
}

function setupHint(provider: ProviderId): string {
  const names = providerEnvironment[provider];
  return provider === 'compatible'
    ? `set ${providerNames[provider]}'s base URL (${names.url}, or the Providers settings)`
    : `set ${providerNames[provider]}'s key (${names.key}, or the Providers settings)`;
}

/**
 * The judge model: the judgeModel setting when its provider is configured; when empty, the strongest configured model
 * (Anthropic's Opus, else OpenAI's GPT-5, else the compatible server's default model).
 */
export function chooseJudgeModel(context: EngineContext): JudgeChoice {
  const setting = context.config.settings.judgeModel;
  if (setting !== '') {
    let provider: ProviderId;
    try {
      provider = parseModelKey(setting).provider;
    } catch (error) {
      return { kind: 'none', reason: `The judgeModel setting "${setting}" is not usable: ${(error as Error).message}` };
    }
    if (configured(context, provider)) return { kind: 'model', modelKey: setting };
    return {
      kind: 'none',
      reason: `The judge model ${setting} cannot be reached: ${setupHint(provider)}, or change the judgeModel setting.`,
    };
  }
  for (const choice of strongest)
    if (configured(context, choice.provider)) return { kind: 'model', modelKey: choice.model };
  const fallback = context.config.settings.defaultModel;
  if (configured(context, 'compatible') && fallback.startsWith('compatible:'))
    return { kind: 'model', modelKey: fallback };
  return { kind: 'none', reason: `No judge model is configured. ${judgeHowTo}` };
}
