import { formatUsd } from './format-money.js';
import type { Task, UsageTotals } from './task.js';

/** Every token a task's model calls consumed: input (fresh and cached, read or written) and output. */
export function totalTokens(
  usage: Pick<UsageTotals, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
): number {
  return usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens + usage.outputTokens;
}

/** A budget in dollars as people write it: "$2", "$0.50", "$12.25". */
export function formatBudgetUsd(usd: number): string {
  return Number.isInteger(usd) ? `$${usd}` : `$${usd.toFixed(2)}`;
}

/**
 * Which of a task's budgets its usage has reached, e.g. "the cost budget ($2.03 of $2.00 spent)";
 * null while it is within them (or has none). The engine stops an agent the moment this turns non-null.
 */
export function budgetReached(task: Pick<Task, 'usage' | 'tokenBudget' | 'costBudgetUsd'>): string | null {
  if (task.costBudgetUsd !== null && task.usage.costUsd >= task.costBudgetUsd) {
    return `the cost budget (${formatUsd(task.usage.costUsd)} of ${formatBudgetUsd(task.costBudgetUsd)} spent)`;
  }
  const tokens = totalTokens(task.usage);
  if (task.tokenBudget !== null && tokens >= task.tokenBudget) {
    return `the token budget (${tokens.toLocaleString('en-US')} of ${task.tokenBudget.toLocaleString('en-US')} tokens used)`;
  }
  return null;
}

/** What a turn stopped at a budget says. */
export function budgetStopMessage(reached: string): string {
  return `Stopped at ${reached}. Raise or remove the budget to let the agent go on.`;
}

/** A budget change as the thread shows it: "Budget set: $2 and 100,000 tokens", "Budget removed". */
export function describeBudgetChange(budget: { tokenBudget: number | null; costBudgetUsd: number | null }): string {
  const parts = [
    budget.costBudgetUsd === null ? null : formatBudgetUsd(budget.costBudgetUsd),
    budget.tokenBudget === null ? null : `${budget.tokenBudget.toLocaleString('en-US')} tokens`,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? 'Budget removed' : `Budget set: ${parts.join(' and ')}`;
}
