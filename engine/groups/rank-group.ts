import { groupRanking } from '../../shared/group.js';
import { rankingRule, type JudgedAttempt, type Ranking } from '../../shared/ranking.js';
import { emptyUsage, type UsageTotals } from '../../shared/usage.js';
import type { EngineContext } from '../engine-context.js';
import { collectAttemptFacts } from './attempt-facts.js';
import { budgetReached, enforceGroupBudget } from './group-budget.js';
import { groupMembers, rankedMembers } from './group-view.js';
import { askJudge } from './judge.js';
import { chooseJudgeModel } from './judge-model.js';
import { rankByRule } from './rule-ranking.js';

/** Records a ranking on every task of the group, so every thread and client sees it. */
function recordRanking(context: EngineContext, groupId: string, ranking: Ranking): void {
  for (const record of groupMembers(context, groupId))
    context.store.record(record.task.id, { type: 'ranking.changed', groupId, ranking });
}

function sumUsage(left: UsageTotals, right: UsageTotals): UsageTotals {
  return {
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    cacheReadTokens: left.cacheReadTokens + right.cacheReadTokens,
    cacheWriteTokens: left.cacheWriteTokens + right.cacheWriteTokens,
    reasoningTokens: left.reasoningTokens + right.reasoningTokens,
    costUsd: left.costUsd + right.costUsd,
  };
}

/**
 * Ranks a group's attempts (and its synthesis, once there is one): `judging`, then `ranked`, recorded on every task.
 * The judge model ranks them when one is configured and the group's budget allows; otherwise, or when the judge fails,
 * the stated rule does and the note says why. The judge's usage adds up over every ranking of the group (kept in
 * `ranking.usage`, never in a task's). Returns the final ranking, or null when `signal` aborted it (engine closing).
 */
export async function rankGroup(context: EngineContext, groupId: string, signal: AbortSignal): Promise<Ranking | null> {
  const members = groupMembers(context, groupId);
  const contenders = rankedMembers(members).map((record) => record.task);
  const first = contenders[0] ?? members[0]?.task;
  if (!first) return null;
  const earlierUsage = groupRanking(members.map((record) => record.task))?.usage ?? emptyUsage;
  const overBudget = budgetReached(members);
  const choice = overBudget ? ({ kind: 'none', reason: overBudget } as const) : chooseJudgeModel(context);
  const startedAt = new Date().toISOString();
  const judging: Ranking = {
    state: 'judging',
    by: choice.kind === 'model' ? 'judge' : 'rule',
    model: choice.kind === 'model' ? choice.modelKey : null,
    note: null,
    entries: [],
    usage: earlierUsage,
    startedAt,
    finishedAt: null,
  };
  recordRanking(context, groupId, judging);
  let entries: JudgedAttempt[] | null = null;
  let note: string | null = choice.kind === 'none' ? choice.reason : null;
  let usage = earlierUsage;
  if (choice.kind === 'model') {
    const attempts = await collectAttemptFacts(context, contenders);
    const answer = await askJudge({ context, modelKey: choice.modelKey, prompt: first.prompt, attempts, signal });
    if (signal.aborted) return null;
    usage = sumUsage(earlierUsage, answer.usage);
    entries = answer.entries;
    note = answer.note;
  }
  const byJudge = entries !== null;
  const ranked: Ranking = {
    ...judging,
    state: 'ranked',
    by: byJudge ? 'judge' : 'rule',
    model: byJudge ? judging.model : null,
    note: byJudge ? note : `${note ?? 'No judge ranked the attempts.'} Ranked by the rule instead: ${rankingRule}.`,
    entries: entries ?? rankByRule(contenders),
    usage,
    finishedAt: new Date().toISOString(),
  };
  recordRanking(context, groupId, ranked);
  // The judge's own cost counts towards the group's budget too.
  await enforceGroupBudget(context, groupId, groupMembers(context, groupId));
  return ranked;
}
