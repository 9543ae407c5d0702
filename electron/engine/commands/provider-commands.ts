import { providerIds, type ProviderId } from '../../../shared/repo.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import type { Handlers } from './handler.js';

function publicProviders(context: EngineContext) {
  return Object.fromEntries(
    providerIds.map((id) => {
      const config = context.providerConfig(id);
      return [id, { baseUrl: config.baseUrl, hasApiKey: config.apiKey !== null }];
    }),
  ) as Record<ProviderId, { baseUrl: string | null; hasApiKey: boolean }>;
}

/** Provider keys and the price table. Keys go in, never out: clients only learn whether one is set. */
export const providerCommands: Handlers<'provider/list' | 'provider/update' | 'pricing/get' | 'pricing/update'> = {
  async 'provider/list'(context) {
    return { providers: publicProviders(context) };
  },
  async 'provider/update'(context, { provider, settings }) {
    if (settings.baseUrl) {
      try {
        new URL(settings.baseUrl);
      } catch {
        throw new EngineError('invalidInput', `"${settings.baseUrl}" is not a URL. Give a base URL such as http://localhost:11434/v1.`);
      }
    }
    context.updateProvider(provider, settings);
    return { providers: publicProviders(context) };
  },
  async 'pricing/get'(context) {
    return { prices: context.prices() };
  },
  async 'pricing/update'(context, { model, price }) {
    if (!/^[a-z]+:.+/.test(model)) throw new EngineError('invalidInput', `Name the model as provider:model, e.g. anthropic:claude-sonnet-4-5 (got "${model}").`);
    context.updatePrice(model, price);
    return { prices: context.prices() };
  },
};
