import type { ModelPrice } from '../../../../shared/repo.js';
import type { NormalizedUsage } from '../provider.js';

/** The context window assumed for models missing from the price table. */
export const defaultContextWindow = 128_000;

/** Dated or aliased suffixes providers append to a model id (`-20250929`, `-2025-04-14`, `-latest`). */
const versionSuffix = /^-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;

/**
 * The price row for a model key: an exact match, else the row whose key plus a date or `-latest` suffix is the model
 * key.
 */
export function priceOf(modelKey: string, prices: Record<string, ModelPrice>): ModelPrice | null {
  const exact = prices[modelKey];
  if (exact) return exact;
  let best: { key: string; price: ModelPrice } | null = null;
  for (const [key, price] of Object.entries(prices)) {
    if (!modelKey.startsWith(key) || !versionSuffix.test(modelKey.slice(key.length))) continue;
    if (best === null || key.length > best.key.length) best = { key, price };
  }
  return best?.price ?? null;
}

/**
 * What one call cost in US dollars, from prices per million tokens. Reasoning tokens are already part
 * of the output count, so they are not charged twice. Unknown models cost 0 with `known: false`.
 */
export function costOf(
  modelKey: string,
  usage: NormalizedUsage,
  prices: Record<string, ModelPrice>,
): { costUsd: number; known: boolean } {
  const price = priceOf(modelKey, prices);
  if (price === null) return { costUsd: 0, known: false };
  const micro =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    usage.cacheReadTokens * price.cacheRead +
    usage.cacheWriteTokens * price.cacheWrite;
  return { costUsd: micro / 1_000_000, known: true };
}

/** The model's context window in tokens, or `defaultContextWindow` when the price table does not know it. */
export function contextWindowOf(modelKey: string, prices: Record<string, ModelPrice>): number {
  return priceOf(modelKey, prices)?.contextWindow ?? defaultContextWindow;
}
