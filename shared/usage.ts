import { z } from 'zod';

/** Schema for token counts and cost, summed per task. */
export const usageTotalsSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  costUsd: z.number(),
});
/** Token counts and cost, summed per task. */
export type UsageTotals = z.infer<typeof usageTotalsSchema>;

/** Usage totals of a task that has not called a model yet. */
export const emptyUsage: UsageTotals = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
};
