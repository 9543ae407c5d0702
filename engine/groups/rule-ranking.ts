import { rankingRule, type JudgedAttempt } from '../../shared/ranking.js';
import { describeChanges, type Task } from '../../shared/task.js';
import { describeVerify, verifyState } from '../../shared/verify.js';

/** Lines a task changed against its base (added plus deleted); unknown counts as none. */
export function changedLines(task: Pick<Task, 'changes'>): number {
  return task.changes ? task.changes.additions + task.changes.deletions : 0;
}

function verified(task: Task): boolean {
  return verifyState(task) === 'passed';
}

/**
 * Ranks tasks by the stated rule (shared/ranking.ts rankingRule): verified first, then the smaller change, then the
 * lower cost; the older task wins a full tie. Scores fall evenly from 10 to 0 by rank.
 */
export function rankByRule(tasks: readonly Task[]): JudgedAttempt[] {
  const order = [...tasks].sort(
    (left, right) =>
      Number(verified(right)) - Number(verified(left)) ||
      changedLines(left) - changedLines(right) ||
      left.usage.costUsd - right.usage.costUsd ||
      left.createdAt.localeCompare(right.createdAt),
  );
  return order.map((task, index) => ({
    taskId: task.id,
    rank: index + 1,
    score: order.length === 1 ? 10 : Math.round((10 * (order.length - 1 - index)) / (order.length - 1)),
    strengths: strengthsOf(task),
    risks: risksOf(task),
    verdict: `Ranked ${index + 1} of ${order.length} by the rule: ${rankingRule}.`,
  }));
}

function strengthsOf(task: Task): string[] {
  const strengths: string[] = [];
  if (verified(task) && task.lastVerify) strengths.push(describeVerify(task.lastVerify));
  if (task.changes && task.changes.files > 0) strengths.push(describeChanges(task.changes));
  return strengths;
}

function risksOf(task: Task): string[] {
  const risks: string[] = [];
  const state = verifyState(task);
  if (state === 'none') risks.push('Not verified: no checks ran.');
  else if (state === 'stale') risks.push('The checks ran on an older commit than the branch has now.');
  else if (state === 'failed' && task.lastVerify) risks.push(describeVerify(task.lastVerify));
  if (task.changes?.files === 0) risks.push('Changed no files.');
  if (task.status !== 'done') risks.push(`Ended ${task.status}${task.lastError ? `: ${task.lastError}` : ''}.`);
  return risks;
}
