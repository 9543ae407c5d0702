import type { Group } from '../../../../shared/group.js';
import { rankingRule, type JudgedAttempt, type Ranking } from '../../../../shared/ranking.js';
import { isReadyForReview, type Task } from '../../../../shared/task.js';

/** The ids of a group's tasks as group/get orders them: attempts oldest first, then the synthesis. */
export function groupTaskIds(tasks: Record<string, Task>, groupId: string): string[] {
  const members = Object.values(tasks).filter((task) => task.groupId === groupId);
  const byAge = (left: Task, right: Task) =>
    left.createdAt.localeCompare(right.createdAt) || left.id.localeCompare(right.id);
  const attempts = members.filter((task) => task.groupRole !== 'synthesis').sort(byAge);
  const synthesis = members.filter((task) => task.groupRole === 'synthesis').sort(byAge);
  return [...attempts, ...synthesis].map((task) => task.id);
}

/** One attempt as the compare view lays it out: the task's id and the ranking's word about it (null when unranked). */
export interface CompareColumn {
  taskId: string;
  entry: JudgedAttempt | null;
}

/**
 * The columns of the compare view: ranked attempts best first, then any the ranking does not hold (discarded before
 * it, or a synthesis still working), in group order. While judging, the previous order is unknown: group order.
 */
export function compareColumns(taskIds: readonly string[], ranking: Ranking | null): CompareColumn[] {
  const entries = ranking?.state === 'ranked' ? ranking.entries : [];
  const byId = new Map(entries.map((entry) => [entry.taskId, entry]));
  const ranked = entries.filter((entry) => taskIds.includes(entry.taskId)).map((entry) => entry.taskId);
  const rest = taskIds.filter((id) => !byId.has(id));
  return [...ranked, ...rest].map((taskId) => ({ taskId, entry: byId.get(taskId) ?? null }));
}

/** Where the group's ranking stands, in words for the status line. */
export type RankingStatus =
  | { kind: 'unranked'; text: string }
  | { kind: 'judging'; text: string }
  | { kind: 'judge'; text: string; note: string | null }
  | { kind: 'rule'; text: string; why: string };

/** The sentence rank-group appends to a rule ranking's note; the status line says the rule itself. */
const ruleSuffix = ` Ranked by the rule instead: ${rankingRule}.`;

/** The status line: "Judging…", "Ranked by <model>", or "Ranked by the rule: … (why: …)". */
export function rankingStatus(ranking: Ranking | null): RankingStatus {
  if (!ranking)
    return {
      kind: 'unranked',
      text: 'Not ranked yet: the attempts are ranked once every one of them has finished and been checked.',
    };
  if (ranking.state === 'judging')
    return { kind: 'judging', text: ranking.model ? `Judging with ${ranking.model}…` : 'Judging…' };
  if (ranking.by === 'judge')
    return { kind: 'judge', text: `Ranked by ${ranking.model ?? 'the judge'}`, note: ranking.note };
  const note = ranking.note ?? 'no judge ranked the attempts.';
  const why = note.endsWith(ruleSuffix) ? note.slice(0, -ruleSuffix.length) : note;
  return { kind: 'rule', text: `Ranked by the rule: ${rankingRule}`, why };
}

/** Dollars for the compare view: exact enough to tell a judge's cents apart ("$0.0021", "$0.25"); "$0.00" for none. */
export function formatUsd(usd: number): string {
  if (usd <= 0) return '$0.00';
  return usd < 0.1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** "Group spent $X (attempts $a + judge $j + synthesis $s) · the winner alone $Y". */
export function spentLine(spent: Group['spent']): string {
  const parts = `attempts ${formatUsd(spent.attemptsUsd)} + judge ${formatUsd(spent.judgeUsd)} + synthesis ${formatUsd(spent.synthesisUsd)}`;
  const winner = spent.winnerUsd === null ? '' : ` · the winner alone ${formatUsd(spent.winnerUsd)}`;
  return `Group spent ${formatUsd(spent.totalUsd)} (${parts})${winner}`;
}

/** Why a task cannot be picked, or null when it can (finished with changes, and nothing of the group merged yet). */
export function pickBlocker(task: Task, merged: Task | null): string | null {
  if (merged) return `${merged.id} was already picked and merged into ${merged.mergedInto ?? 'its base'}.`;
  if (task.status === 'discarded') return 'This attempt was discarded; restore it to pick it.';
  if (!isReadyForReview(task))
    return task.changes?.files === 0 ? 'This attempt changed nothing.' : 'This attempt has not finished yet.';
  return null;
}

/**
 * What the pick bar says while no attempt is chosen: that one was merged already, that none can be picked, that the
 * winner cannot be, or to choose one.
 */
export function noChoiceReason(
  blockers: Record<string, string | null>,
  mergedId: string | null,
  winnerId: string | null,
): string {
  const merged = mergedId ? blockers[mergedId] : null;
  if (merged) return merged;
  if (!Object.values(blockers).some((blocker) => blocker === null))
    return 'No attempt can be picked: none of them finished with changes.';
  const winner = winnerId ? blockers[winnerId] : null;
  if (winner) return `The winner, ${winnerId}, cannot be picked (${winner}); choose another attempt to merge.`;
  return "Choose the attempt to merge: the judge's winner is chosen for you once the group is ranked.";
}
