import { providerIds, type ProviderId } from '../../../../shared/repo.js';
import { EngineError } from '../../../errors.js';
import type { ModelProvider, ProviderConnection } from '../provider.js';
import { createAnthropicProvider } from './anthropic.js';
import { createChatCompletionsProvider } from './openai-chat.js';
import { createOpenAIResponsesProvider } from './openai-responses.js';

/** Splits a model key like `anthropic:claude-sonnet-4-6` into its provider and the model id the API knows. */
export function parseModelKey(key: string): { provider: ProviderId; model: string } {
  const colon = key.indexOf(':');
  const prefix = colon < 0 ? '' : key.slice(0, colon);
  const model = colon < 0 ? '' : key.slice(colon + 1).trim();
  const provider = providerIds.find((id) => id === prefix);
  if (provider === undefined || model === '') {
    const prefixes = providerIds.map((id) => `${id}:`).join(', ');
    throw new EngineError(
      'invalidInput',
      `The model "${key}" does not name a provider. Write it as provider:model with one of ${prefixes} (for example anthropic:claude-sonnet-4-6).`,
    );
  }
  return { provider, model };
}

/**
 * The wire adapter for a provider: Anthropic Messages, OpenAI Responses, or Chat Completions for compatible servers.
 */
export function createProvider(providerId: ProviderId, connection: ProviderConnection): ModelProvider {
  switch (providerId) {
    case 'anthropic':
      return createAnthropicProvider(connection);
    case 'openai':
      return createOpenAIResponsesProvider(connection);
    case 'compatible':
      return createChatCompletionsProvider(connection);
  }
}
