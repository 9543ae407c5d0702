import type { AgentServices } from '../agent.js';
import { discardedTextNotice } from './history.js';
import type { ModelAccess } from './model-access.js';
import type { ModelProvider, ProviderFailureKind } from './provider.js';
import { createProvider, parseModelKey } from './providers/index.js';
import { contextWindowOf, costOf } from './providers/pricing.js';
import { completeWithRetry, type RetryOptions } from './providers/retry.js';
import type { TurnEmitter } from './turn-emitter.js';

/** Attempts per model call, the first included. */
export const maxModelAttempts = 5;

/** How a model is reached: which adapter to use for a provider (tests may swap in their own) and retry tuning. */
export interface ConnectOptions {
  createProvider?: typeof createProvider;
  retry?: Omit<RetryOptions, 'onRetry' | 'maxAttempts'>;
}

/**
 * Connects a model key (`provider:model`) to its provider with the user's settings: calls retry with
 * backoff (each retry is reported in the thread), costs come from the price table. Throws an
 * `invalidInput` EngineError for a key that names no provider.
 */
export function connectModel(
  modelKey: string,
  services: AgentServices,
  emitter: TurnEmitter,
  options: ConnectOptions = {},
): ModelAccess {
  const { provider: providerId, model } = parseModelKey(modelKey);
  const provider: ModelProvider = (options.createProvider ?? createProvider)(
    providerId,
    services.providerConfig(providerId),
  );
  return {
    modelKey,
    model,
    contextWindow: contextWindowOf(modelKey, services.prices()),
    complete(request, handlers) {
      return completeWithRetry(provider, { ...request, model }, handlers, {
        ...options.retry,
        maxAttempts: maxModelAttempts,
        onRetry(info) {
          handlers.beforeRetry?.();
          const seconds = (info.delayMs / 1000).toFixed(1);
          const discarded = info.discardedText ? ` ${discardedTextNotice}` : '';
          emitter.notice(
            `${retryReason(info.error.kind)}; retrying in ${seconds} s (attempt ${info.attempt + 1} of ${maxModelAttempts}).${discarded}`,
            'warning',
          );
        },
      });
    },
    costOf(usage) {
      const cost = costOf(modelKey, usage, services.prices());
      return cost.known ? cost.costUsd : null;
    },
  };
}

function retryReason(kind: ProviderFailureKind): string {
  switch (kind) {
    case 'rateLimited':
      return 'Rate limited';
    case 'overloaded':
      return 'The model is overloaded';
    case 'unreachable':
      return 'Could not reach the model server';
    case 'dropped':
      return 'The connection dropped mid-answer';
    case 'server':
      return 'The model server had an error';
    case 'auth':
    case 'modelNotFound':
    case 'badRequest':
    case 'aborted':
      return 'The model call failed';
  }
}
