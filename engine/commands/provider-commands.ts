import { providerIds, type ProviderId, type ProviderRoute } from '../../shared/repo.js';
import { checkProvider, defaultUrls } from '../agents/builtin/providers/check-provider.js';
import type { EngineContext } from '../engine-context.js';
import { routeFor } from '../net/proxy-env.js';
import { EngineError } from '../errors.js';
import type { Handlers } from './handler.js';

function publicProviders(context: EngineContext) {
  return Object.fromEntries(
    providerIds.map((id) => {
      const config = context.vault.providerConfig(id);
      return [
        id,
        { baseUrl: config.baseUrl, hasApiKey: config.apiKey !== null, ...routeOf(config.baseUrl || defaultUrls[id]) },
      ];
    }),
  ) as Record<ProviderId, { baseUrl: string | null; hasApiKey: boolean; route?: ProviderRoute }>;
}

/** How the engine would reach that URL (nothing for no URL or one that does not parse: the base URL field says so). */
function routeOf(url: string): { route?: ProviderRoute } {
  if (!URL.canParse(url)) return {};
  return { route: routeFor(new URL(url)) };
}

/** Provider keys and the price table. Keys go in, never out: clients only learn whether one is set. */
export const providerCommands: Handlers<
  'provider/list' | 'provider/update' | 'provider/test' | 'provider/models' | 'pricing/get' | 'pricing/update'
> = {
  async 'provider/list'(context) {
    return { providers: publicProviders(context) };
  },
  async 'provider/update'(context, { provider, settings, remember }) {
    if (settings.baseUrl) {
      try {
        new URL(settings.baseUrl);
      } catch {
        throw new EngineError(
          'invalidInput',
          `"${settings.baseUrl}" is not a URL. Give a base URL such as http://localhost:11434/v1.`,
        );
      }
    }
    context.vault.updateProvider(provider, settings, remember ?? true);
    return { providers: publicProviders(context) };
  },
  async 'provider/test'(context, { provider, apiKey, baseUrl }) {
    const stored = context.vault.providerConfig(provider);
    // What was typed but not saved wins; an empty key field means the stored key.
    const connection = {
      apiKey: apiKey?.trim() || stored.apiKey,
      baseUrl: baseUrl === undefined ? stored.baseUrl : baseUrl?.trim() || null,
    };
    return checkProvider(provider, connection);
  },
  async 'provider/models'(context, { provider }) {
    const check = await checkProvider(provider, context.vault.providerConfig(provider));
    if (!check.ok) throw new EngineError('providerUnavailable', check.message);
    return { models: check.models };
  },
  async 'pricing/get'(context) {
    return { prices: context.vault.prices() };
  },
  async 'pricing/update'(context, { model, price }) {
    if (!/^[a-z]+:.+/.test(model))
      throw new EngineError(
        'invalidInput',
        `Name the model as provider:model, e.g. anthropic:claude-sonnet-4-6 (got "${model}").`,
      );
    context.vault.updatePrice(model, price);
    return { prices: context.vault.prices() };
  },
};
