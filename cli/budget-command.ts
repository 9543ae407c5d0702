import { describeBudgetChange, totalTokens } from '../shared/budget.js';
import type { Task } from '../shared/task.js';
import { expectPositionals, parseCommandArgs, stringOption, type ParsedArgs } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { formatCost } from './format-event.js';
import { resolveTask, withEngine } from './session.js';
import { usages } from './usage.js';

/** The budget options `run` and `budget` share. */
export const budgetOptions = {
  usd: { type: 'string' },
  tokens: { type: 'string' },
} as const;

/**
 * Reads `--usd` and `--tokens`: a positive amount, `none` for no budget (null), or undefined when
 * the option was not given. Anything else is a usage error that says what to write.
 */
export function readBudgetOptions(
  parsed: ParsedArgs,
  usage: string,
): { costBudgetUsd?: number | null; tokenBudget?: number | null } {
  const usd = stringOption(parsed, 'usd');
  const tokens = stringOption(parsed, 'tokens');
  return {
    costBudgetUsd:
      usd === undefined
        ? undefined
        : amount(usd.replace(/^\$/, ''), '--usd', 'a dollar amount such as 2 or 0.50', false, usage),
    tokenBudget:
      tokens === undefined
        ? undefined
        : amount(tokens.replace(/[_,]/g, ''), '--tokens', 'a whole number such as 200000', true, usage),
  };
}

function amount(text: string, option: string, example: string, whole: boolean, usage: string): number | null {
  if (text.trim().toLowerCase() === 'none') return null;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || (whole && !Number.isInteger(value))) {
    throw new UsageError(`${option} takes ${example}, or "none" for no budget; "${text}" is neither.`, usage);
  }
  return value;
}

/** One line saying a task's budgets and what it has used against them. */
export function describeBudget(task: Task): string {
  const spent = `${formatCost(task.usage.costUsd)} and ${totalTokens(task.usage).toLocaleString('en-US')} tokens used`;
  if (task.costBudgetUsd === null && task.tokenBudget === null) return `none (${spent})`;
  return `${describeBudgetChange(task).replace('Budget set: ', '')} (${spent})`;
}

/** `flotilla budget <task> [--usd <n>|none] [--tokens <n>|none]`: shows or changes a task's budgets. */
export async function budgetCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, budgetOptions, usages.budget);
  if (parsed.values.help) return help(io, usages.budget);
  const [reference] = expectPositionals(parsed, ['task'], usages.budget);
  const change = readBudgetOptions(parsed, usages.budget);
  const task = await withEngine(io, async (api) => {
    const found = await resolveTask(api, reference!);
    if (change.costBudgetUsd === undefined && change.tokenBudget === undefined) return found;
    const next = {
      taskId: found.id,
      costBudgetUsd: change.costBudgetUsd === undefined ? found.costBudgetUsd : change.costBudgetUsd,
      tokenBudget: change.tokenBudget === undefined ? found.tokenBudget : change.tokenBudget,
    };
    return (await api.call('task/setBudget', next)).task;
  });
  println(io, `Budget of task ${task.id}: ${describeBudget(task)}.`);
  return 0;
}
