import type { ModelRequest, ModelResponse, ModelStreamHandlers, NormalizedUsage } from './provider.js';

/** How the agent loop reaches its model: one call (with retries), its price and its context window. */
export interface ModelAccess {
  /** `provider:model`, as prices and usage events name it. */
  modelKey: string;
  /** The model's id as its API knows it. */
  model: string;
  /** Prompt tokens the model accepts. */
  contextWindow: number;
  /** Streams one call, retrying what a retry can fix; throws ProviderError when it gives up. */
  complete(request: Omit<ModelRequest, 'model'>, handlers: CallHandlers): Promise<ModelResponse>;
  /** What one call's usage cost in US dollars; null when the model's price is unknown. */
  costOf(usage: NormalizedUsage): number | null;
}

/** Streaming handlers for one call, plus a hook run before a retry is reported (so buffered text lands first). */
export interface CallHandlers extends ModelStreamHandlers {
  beforeRetry?(): void;
}

/** Output tokens a reply may use: plenty for code, but never more than a quarter of a small context window. */
export function maxOutputTokensFor(contextWindow: number): number {
  return Math.max(1_024, Math.min(16_384, Math.floor(contextWindow / 4)));
}
