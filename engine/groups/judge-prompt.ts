import { describeChanges, workingMs } from '../../shared/task.js';
import { describeVerify, verifyState } from '../../shared/verify.js';
import type { AttemptFacts } from './attempt-facts.js';

/** The tool the judge must call with its answer. */
export const submitRankingTool = 'submit_ranking';

/** The judge's instructions. */
export const judgeSystem = `You judge several attempts at one coding task, each made by a coding agent in its own git worktree. Compare them on correctness against the task, whether their checks passed, the size and risk of the change, and what they cost. Then call the ${submitRankingTool} tool exactly once, with every attempt exactly once: its task id, its rank (1 is best; ranks 1 to N, each used once), a score from 0 to 10, its strengths and risks (short phrases), and a one-line verdict. Do not answer in text alone.`;

/** One attempt as the judge and the synthesis read it: facts, then the (bounded) diff. */
export function describeAttempt(facts: AttemptFacts, now: number): string {
  const { task } = facts;
  const verify = verifyState(task);
  const checks =
    task.lastVerify === null
      ? 'no checks ran'
      : `${verify === 'stale' ? '(stale) ' : ''}${describeVerify(task.lastVerify)}`;
  const tokens =
    task.usage.inputTokens + task.usage.outputTokens + task.usage.cacheReadTokens + task.usage.cacheWriteTokens;
  const lines = [
    `Attempt task id: ${task.id}`,
    `Role: ${task.groupRole ?? 'attempt'}; agent ${task.agent}${task.model ? ` (${task.model})` : ''}; status ${task.status}${task.lastError ? ` (${task.lastError})` : ''}`,
    `Checks: ${checks}`,
    `Change: ${task.changes ? describeChanges(task.changes) : 'not counted'}`,
    `Files touched: ${facts.files.length > 0 ? facts.files.join(', ') : 'none'}`,
    `Spent: ${tokens} tokens, $${task.usage.costUsd.toFixed(4)}, ${(workingMs(task, now) / 1000).toFixed(1)} s of agent time`,
    'Diff:',
    '```diff',
    facts.diff || '(no changes)',
    '```',
  ];
  if (facts.diffNote) lines.push(facts.diffNote);
  return lines.join('\n');
}

/** The judge's request text: the task, then every attempt. */
export function judgeRequestText(prompt: string, attempts: readonly AttemptFacts[], now: number): string {
  const described = attempts.map((facts, index) => `## Attempt ${index + 1}\n${describeAttempt(facts, now)}`);
  return [
    `The task every attempt was given:\n<task>\n${prompt}\n</task>`,
    ...described,
    `Rank these ${attempts.length} attempts now by calling ${submitRankingTool}. Task ids: ${attempts.map((facts) => facts.task.id).join(', ')}.`,
  ].join('\n\n');
}
