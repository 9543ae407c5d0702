import type { Automation, AutomationLimits, AutomationTrigger, TriggerKind } from '../../../../shared/automation.js';
import { readBudgetField } from '../../components/budget-field.js';
import type { AutomationInput } from '../../store/automations-slice.js';
import { emptyTrigger } from './trigger-model.js';

/** How a run checks its work: with the repository's verify command, with none, or with its own. */
export type VerifyChoice = 'repo' | 'none' | 'command';

/** An automation as the form holds it: numbers as typed, so a half-typed value is never lost. */
export interface AutomationDraft {
  repoId: string;
  name: string;
  trigger: AutomationTrigger;
  /** What each kind held before the user switched away from it, so switching back keeps it. */
  otherTriggers: Partial<Record<TriggerKind, AutomationTrigger>>;
  prompt: string;
  /** The agents to run it with; null for the engine's default agent. */
  agents: string[] | null;
  model: string;
  attempts: number;
  base: string;
  budget: string;
  /** Kept as stored (the CLI sets it; the form does not show it). */
  tokenBudget: number | null;
  verify: VerifyChoice;
  verifyCommand: string;
  /** Empty for the repository's number of retries. */
  verifyRetries: string;
  maxConcurrent: string;
  whenBusy: AutomationLimits['whenBusy'];
  maxRunsPerDay: string;
  maxUsdPerDay: string;
}

/** A new automation's draft in a repository. */
export function newDraft(repoId: string): AutomationDraft {
  return {
    repoId,
    name: '',
    trigger: emptyTrigger('commit'),
    otherTriggers: {},
    prompt: '',
    agents: null,
    model: '',
    attempts: 1,
    base: '',
    budget: '',
    tokenBudget: null,
    verify: 'repo',
    verifyCommand: '',
    verifyRetries: '',
    maxConcurrent: '1',
    whenBusy: 'queue',
    maxRunsPerDay: '',
    maxUsdPerDay: '',
  };
}

/** The draft of a stored automation, for editing it. */
export function draftOf(automation: Automation): AutomationDraft {
  const { template, limits } = automation;
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    repoId: automation.repoId,
    name: automation.name,
    trigger: automation.trigger,
    otherTriggers: {},
    prompt: template.prompt,
    agents: template.agents,
    model: template.model ?? '',
    attempts: template.attempts,
    base: template.base ?? '',
    budget: text(template.costBudgetUsd),
    tokenBudget: template.tokenBudget,
    verify: template.verifyCommand === null ? 'repo' : template.verifyCommand === '' ? 'none' : 'command',
    verifyCommand: template.verifyCommand ?? '',
    verifyRetries: text(template.verifyRetries),
    maxConcurrent: String(limits.maxConcurrent),
    whenBusy: limits.whenBusy,
    maxRunsPerDay: text(limits.maxRunsPerDay),
    maxUsdPerDay: text(limits.maxUsdPerDay),
  };
}

/** The draft with another kind of trigger: the one it held before, or a fresh one. */
export function switchTrigger(draft: AutomationDraft, kind: TriggerKind, branch?: string): AutomationDraft {
  if (kind === draft.trigger.on) return draft;
  return {
    ...draft,
    trigger: draft.otherTriggers[kind] ?? emptyTrigger(kind, branch),
    otherTriggers: { ...draft.otherTriggers, [draft.trigger.on]: draft.trigger },
  };
}

function wholeOrEmpty(text: string, what: string): number | null | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isInteger(value) && value > 0
    ? value
    : { error: `Give ${what} as a whole number above 0, or leave it empty.` };
}

/**
 * What automation/create takes for a draft, or what to fix first (numbers that are not numbers). Everything else —
 * a bad cron, a branch, a variable the trigger lacks — is for the engine to refuse, in its words.
 */
export function readDraft(draft: AutomationDraft): { input: AutomationInput } | { error: string } {
  const budget = readBudgetField(draft.budget, false);
  if (budget === 'invalid') return { error: 'Give the budget per run as a dollar amount above 0, or leave it empty.' };
  const usdPerDay = readBudgetField(draft.maxUsdPerDay, false);
  if (usdPerDay === 'invalid')
    return {
      error: 'Give the dollars per day as an amount above 0, such as 5 or 2.50, or leave it empty for no limit.',
    };
  const concurrent = wholeOrEmpty(draft.maxConcurrent, 'the runs at once');
  if (typeof concurrent === 'object' && concurrent !== null) return concurrent;
  const perDay = wholeOrEmpty(draft.maxRunsPerDay, 'the runs per day');
  if (typeof perDay === 'object' && perDay !== null) return perDay;
  const retriesText = draft.verifyRetries.trim();
  const retries = retriesText === '' ? null : Number(retriesText);
  if (retries !== null && (!Number.isInteger(retries) || retries < 0))
    return { error: 'Give the verify retries as a whole number (0 for none), or leave it empty for the repository’s.' };
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    input: {
      repoId: draft.repoId,
      name: draft.name.trim(),
      trigger: draft.trigger,
      template: {
        prompt: draft.prompt,
        agents: draft.agents,
        model: orNull(draft.model),
        attempts: draft.attempts,
        base: orNull(draft.base),
        costBudgetUsd: budget,
        tokenBudget: draft.tokenBudget,
        verifyCommand: draft.verify === 'repo' ? null : draft.verify === 'none' ? '' : draft.verifyCommand.trim(),
        verifyRetries: retries,
      },
      limits: {
        maxConcurrent: concurrent ?? 1,
        whenBusy: draft.whenBusy,
        maxRunsPerDay: perDay,
        maxUsdPerDay: usdPerDay,
      },
      paused: false,
    },
  };
}
