import { z } from 'zod';
import { groupOptionsSchema, rankingSchema, type Ranking } from './ranking.js';
export { rankingRule } from './ranking.js';
import { emptyUsage, type Task, type UsageTotals } from './task.js';

export { groupRanking } from './group-ranking.js';

/** Schema for a group of attempts as group/get reports it. */
export const groupSchema = z.object({
  id: z.string(),
  repoId: z.string(),
  prompt: z.string(),
  options: groupOptionsSchema,
  /** Every task of the group, attempts first (oldest first), then the synthesis. */
  tasks: z.array(z.string()),
  /** The synthesis task, once started. */
  synthesisId: z.string().nullable(),
  ranking: rankingSchema.nullable(),
  /** The judge's winner (or the rule's), once ranked. */
  winnerId: z.string().nullable(),
  /** True when every task has finished its agent and its checks. */
  settled: z.boolean(),
  spent: z.object({
    attemptsUsd: z.number(),
    judgeUsd: z.number(),
    synthesisUsd: z.number(),
    totalUsd: z.number(),
    /** What the winner alone cost; null before a ranking. */
    winnerUsd: z.number().nullable(),
    /** Tokens of every task plus the judge, and the judge's own. */
    totalTokens: z.number(),
    judgeTokens: z.number(),
  }),
  /** Set when the group budget stopped the group: what was reached. */
  stoppedBy: z.string().nullable(),
});
/** A group of attempts as group/get reports it. */
export type Group = z.infer<typeof groupSchema>;

/** Tokens of a usage total: input, output, cache reads and writes. */
function tokensOf(usage: UsageTotals): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

/** The money a group spent so far, split as the compare view shows it. */
export function groupSpent(members: readonly Task[], ranking: Ranking | null): Group['spent'] {
  const judge = ranking?.usage ?? emptyUsage;
  const attempts = members.filter((task) => task.groupRole !== 'synthesis');
  const synthesis = members.filter((task) => task.groupRole === 'synthesis');
  const sum = (tasks: readonly Task[]) => tasks.reduce((total, task) => total + task.usage.costUsd, 0);
  const winnerId = ranking?.state === 'ranked' ? (ranking.entries[0]?.taskId ?? null) : null;
  const winner = members.find((task) => task.id === winnerId);
  const attemptsUsd = sum(attempts);
  const synthesisUsd = sum(synthesis);
  return {
    attemptsUsd,
    judgeUsd: judge.costUsd,
    synthesisUsd,
    totalUsd: attemptsUsd + synthesisUsd + judge.costUsd,
    winnerUsd: winner ? winner.usage.costUsd : null,
    totalTokens: members.reduce((total, task) => total + tokensOf(task.usage), 0) + tokensOf(judge),
    judgeTokens: tokensOf(judge),
  };
}
