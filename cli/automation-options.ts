import type { AutomationLimits, AutomationTemplate, AutomationTrigger } from '../shared/automation.js';
import { stringOption, type ParsedArgs } from './args.js';
import { budgetOptions, readBudgetOptions } from './budget-command.js';
import { UsageError } from './cli-io.js';
import { usages } from './usage.js';

/** The options of `flotilla automation add` (and the parts `automation edit` may change). */
export const automationOptions = {
  repo: { type: 'string' },
  name: { type: 'string' },
  on: { type: 'string' },
  cron: { type: 'string' },
  timezone: { type: 'string' },
  branch: { type: 'string' },
  per: { type: 'string' },
  'include-own-merges': { type: 'boolean' },
  when: { type: 'string' },
  every: { type: 'string' },
  kinds: { type: 'string' },
  prompt: { type: 'string' },
  agent: { type: 'string' },
  model: { type: 'string' },
  attempts: { type: 'string' },
  base: { type: 'string' },
  verify: { type: 'string' },
  retries: { type: 'string' },
  'max-concurrent': { type: 'string' },
  'when-busy': { type: 'string' },
  'max-runs-per-day': { type: 'string' },
  'max-usd-per-day': { type: 'string' },
  paused: { type: 'boolean' },
  ...budgetOptions,
} as const;

const usage = usages['automation add'];

/** What --on takes. */
const triggerNames = ['schedule', 'commit', 'verify-failed', 'webhook', 'github', 'task'] as const;

/** An interval such as 90s, 5m, 2h or 1d (a bare number is minutes), in seconds. */
export function readInterval(text: string): number {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  const units = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
  const seconds = match ? Number(match[1]) * units[(match[2] ?? 'm') as keyof typeof units] : 0;
  if (!(seconds >= 1)) throw new UsageError(`--every takes an interval such as 5m, 30s or 1h, not "${text}".`, usage);
  return seconds;
}

function readKinds(parsed: ParsedArgs): Array<'issues' | 'pulls'> {
  const text = stringOption(parsed, 'kinds') ?? 'issues,pulls';
  const named = {
    issues: 'issues',
    issue: 'issues',
    pulls: 'pulls',
    pull: 'pulls',
    prs: 'pulls',
    pr: 'pulls',
  } as const;
  const kinds = text
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean)
    .map((kind) => {
      const value = Object.hasOwn(named, kind) ? named[kind as keyof typeof named] : undefined;
      if (!value) throw new UsageError(`--kinds takes issues, pulls or issues,pulls, not "${kind}".`, usage);
      return value;
    });
  return [...new Set(kinds)];
}

/** The trigger the options describe: `--on schedule|commit|verify-failed|webhook|github|task` with what each needs. */
export function readTrigger(parsed: ParsedArgs): AutomationTrigger {
  const on = stringOption(parsed, 'on');
  switch (on) {
    case 'schedule': {
      const cron = stringOption(parsed, 'cron');
      if (!cron) throw new UsageError('--on schedule needs --cron "<expression>", e.g. --cron "0 7 * * 1-5".', usage);
      return { on, cron, timezone: stringOption(parsed, 'timezone') ?? null };
    }
    case 'commit': {
      const branch = stringOption(parsed, 'branch');
      if (!branch) throw new UsageError('--on commit needs --branch <branch>, the branch to watch.', usage);
      const per = stringOption(parsed, 'per') ?? 'tip';
      if (per !== 'tip' && per !== 'commit')
        throw new UsageError(`--per is "tip" (one run per new tip) or "commit" (one per commit), not "${per}".`, usage);
      return { on, branch, per, includeOwnMerges: parsed.values['include-own-merges'] === true };
    }
    case 'verify-failed': {
      const branch = stringOption(parsed, 'branch');
      if (!branch)
        throw new UsageError(
          '--on verify-failed needs --branch <branch>, the branch whose new tips are checked.',
          usage,
        );
      return { on: 'verifyFailed', branch, includeOwnMerges: parsed.values['include-own-merges'] === true };
    }
    case 'webhook':
      return { on };
    case 'github':
      return { on, intervalSeconds: readInterval(stringOption(parsed, 'every') ?? '5m'), kinds: readKinds(parsed) };
    case 'task': {
      const when = stringOption(parsed, 'when') ?? 'merged';
      const named = { finished: 'finished', merged: 'merged', 'failed-verification': 'failedVerification' } as const;
      const value = Object.hasOwn(named, when) ? named[when as keyof typeof named] : undefined;
      if (!value)
        throw new UsageError(`--when is "finished", "merged" or "failed-verification", not "${when}".`, usage);
      return { on, when: value, branch: stringOption(parsed, 'branch') ?? null };
    }
    case undefined:
      throw new UsageError(`Say what starts it: --on ${triggerNames.join('|')}.`, usage);
    default:
      throw new UsageError(`--on is one of ${triggerNames.map((name) => `"${name}"`).join(', ')}, not "${on}".`, usage);
  }
}

/** The task template the options describe; `\n` in --prompt is a line break, as shells do not make one. */
export function readTemplate(parsed: ParsedArgs): AutomationTemplate {
  const prompt = stringOption(parsed, 'prompt');
  if (!prompt?.trim()) throw new UsageError('Give the prompt it runs: --prompt "…" (it may use {{variables}}).', usage);
  const budget = readBudgetOptions(parsed, usage);
  const agents = stringOption(parsed, 'agent')
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    prompt: prompt.replace(/\\n/g, '\n'),
    agents: agents && agents.length > 0 ? agents : null,
    model: stringOption(parsed, 'model') ?? null,
    attempts: whole(parsed, 'attempts') ?? 1,
    base: stringOption(parsed, 'base') ?? null,
    costBudgetUsd: budget.costBudgetUsd ?? null,
    tokenBudget: budget.tokenBudget ?? null,
    verifyCommand: stringOption(parsed, 'verify') ?? null,
    verifyRetries: whole(parsed, 'retries', true) ?? null,
  };
}

/** The limits the options describe. */
export function readLimits(parsed: ParsedArgs): AutomationLimits {
  const whenBusy = stringOption(parsed, 'when-busy') ?? 'queue';
  if (whenBusy !== 'queue' && whenBusy !== 'skip')
    throw new UsageError(`--when-busy is "queue" or "skip", not "${whenBusy}".`, usage);
  const usd = stringOption(parsed, 'max-usd-per-day');
  const dollars = usd === undefined ? null : Number(usd.replace(/^\$/, ''));
  if (dollars !== null && !(dollars > 0))
    throw new UsageError(`--max-usd-per-day takes a dollar amount such as 5, not "${usd}".`, usage);
  return {
    maxConcurrent: whole(parsed, 'max-concurrent') ?? 1,
    whenBusy,
    maxRunsPerDay: whole(parsed, 'max-runs-per-day') ?? null,
    maxUsdPerDay: dollars,
  };
}

function whole(parsed: ParsedArgs, name: string, zero = false): number | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < (zero ? 0 : 1))
    throw new UsageError(`--${name} takes a whole number${zero ? '' : ' from 1'}, not "${text}".`, usage);
  return value;
}
