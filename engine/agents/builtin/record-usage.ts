import type { ModelAccess } from './model-access.js';
import type { NormalizedUsage } from './provider.js';
import type { TurnEmitter } from './turn-emitter.js';

/**
 * Records one model call's tokens and cost; an unknown price costs 0 and says so once per task. Returns the event's
 * sequence number.
 */
export function recordUsage(emitter: TurnEmitter, access: ModelAccess, usage: NormalizedUsage): number | null {
  const cost = access.costOf(usage);
  if (cost === null) {
    emitter.noticeOnce(
      `No price is known for ${access.modelKey}, so its cost is counted as $0. Add its price in the pricing settings to track it.`,
    );
  }
  return emitter.emit({
    type: 'usage',
    model: access.modelKey,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    reasoningTokens: usage.reasoningTokens,
    costUsd: cost ?? 0,
  });
}
