import { describe, expect, it } from 'vitest';
import { defaultPrices } from '../price-table.js';
import { contextWindowOf, costOf, defaultContextWindow, priceOf } from './pricing.js';

const usage = {
  inputTokens: 1_000_000,
  outputTokens: 100_000,
  cacheReadTokens: 2_000_000,
  cacheWriteTokens: 400_000,
  reasoningTokens: 50_000,
};

describe('pricing', () => {
  it('prices every kind of token at its own rate per million (reasoning is already inside output)', () => {
    // Sonnet 4.5: $3 input, $15 output, $0.30 cache read, $3.75 cache write.
    const { costUsd, known } = costOf('anthropic:claude-sonnet-4-5', usage, defaultPrices);
    expect(known).toBe(true);
    expect(costUsd).toBeCloseTo(3 + 1.5 + 0.6 + 1.5, 10);
  });

  it('prices dated model ids like their base model, but not other models sharing a prefix', () => {
    expect(priceOf('anthropic:claude-sonnet-4-5-20250929', defaultPrices)).toBe(
      defaultPrices['anthropic:claude-sonnet-4-5'],
    );
    expect(priceOf('openai:gpt-4.1-2025-04-14', defaultPrices)).toBe(defaultPrices['openai:gpt-4.1']);
    expect(priceOf('openai:gpt-5-mini-2025-08-07', defaultPrices)).toBe(defaultPrices['openai:gpt-5-mini']);
    expect(priceOf('openai:gpt-5-turbo-preview', defaultPrices)).toBeNull();
  });

  it('reports unknown models as costing 0 with known:false and gives them a default context window', () => {
    expect(costOf('compatible:llama3.1:8b', usage, defaultPrices)).toEqual({ costUsd: 0, known: false });
    expect(contextWindowOf('compatible:llama3.1:8b', defaultPrices)).toBe(defaultContextWindow);
    expect(contextWindowOf('anthropic:claude-haiku-4-5-20251001', defaultPrices)).toBe(200_000);
  });

  it('uses user price rows over nothing, matched exactly', () => {
    const prices = {
      'compatible:qwen3-coder': { input: 0.1, output: 0.4, cacheRead: 0, cacheWrite: 0, contextWindow: 262_144 },
    };
    expect(costOf('compatible:qwen3-coder', usage, prices).costUsd).toBeCloseTo(0.1 + 0.04, 10);
    expect(contextWindowOf('compatible:qwen3-coder', prices)).toBe(262_144);
  });
});
