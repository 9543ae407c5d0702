import type { ModelPrice } from '../../../shared/repo.js';

/**
 * Built-in prices in US dollars per million tokens, and context windows. Users override or add
 * rows with `pricing/update` (stored in FLOTILLA_HOME/pricing.json); unknown models cost 0 and
 * the thread says the price is unknown.
 */
export const defaultPrices: Record<string, ModelPrice> = {
  'anthropic:claude-opus-4-5': { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, contextWindow: 200_000 },
  // List price at release, as for every Sonnet since 3.5; edit it in Settings if it changed.
  'anthropic:claude-sonnet-4-6': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
  'anthropic:claude-sonnet-4-5': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25, contextWindow: 200_000 },
  'anthropic:claude-opus-4-1': { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, contextWindow: 200_000 },
  'anthropic:claude-sonnet-4': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
  'openai:gpt-5': { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 0, contextWindow: 400_000 },
  'openai:gpt-5-mini': { input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: 0, contextWindow: 400_000 },
  'openai:gpt-5-nano': { input: 0.05, output: 0.4, cacheRead: 0.005, cacheWrite: 0, contextWindow: 400_000 },
  'openai:gpt-4.1': { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 0, contextWindow: 1_000_000 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6, cacheRead: 0.1, cacheWrite: 0, contextWindow: 1_000_000 },
  'openai:gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 0, contextWindow: 128_000 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6, cacheRead: 0.075, cacheWrite: 0, contextWindow: 128_000 },
};
