import type { Ranking } from '../../shared/ranking.js';
import type { Task } from '../../shared/task.js';
import { emptyUsage } from '../../shared/usage.js';
import type { VerifyResult } from '../../shared/verify.js';
import { makeTask } from './review-fixtures.js';

/** A passing verify result on the commit `commit` (tests only). */
export function passed(commit: string): VerifyResult {
  return {
    passed: true,
    outcome: 'passed',
    exitCode: 0,
    durationMs: 1200,
    command: 'npm test',
    outputTail: 'ok',
    outputChars: 2,
    commit,
    at: '2030-01-01T00:00:00.000Z',
  };
}

/** One attempt of group g (tests only): done, verified on its tip, with `lines` lines added and `cost` spent. */
export function attempt(id: string, index: number, lines: number, cost: number, overrides: Partial<Task> = {}): Task {
  const commit = id.padEnd(40, '0');
  return makeTask({
    id,
    groupId: 'g',
    groupRole: 'attempt',
    groupOptions: { judge: true, synthesize: false, costBudgetUsd: null },
    agent: 'builtin',
    model: 'compatible:scenario:groupAttempts',
    createdAt: `2030-01-01T00:00:0${index}.000Z`,
    changes: { files: 1, additions: lines, deletions: 0 },
    usage: { ...emptyUsage, inputTokens: 1000 * (index + 1), outputTokens: 100, costUsd: cost },
    workMs: 12_000,
    lastCommit: commit,
    lastVerify: passed(commit),
    ...overrides,
  });
}

/** A ranking of group g (tests only): by the judge unless told otherwise, best first as `order` says. */
export function ranking(order: readonly string[], overrides: Partial<Ranking> = {}): Ranking {
  return {
    state: 'ranked',
    by: 'judge',
    model: 'compatible:scenario:judgeRanks',
    note: null,
    entries: order.map((taskId, index) => ({
      taskId,
      rank: index + 1,
      score: 9 - index * 2,
      strengths: [index === 0 ? 'Complete and careful' : 'Works'],
      risks: index === 0 ? [] : ['Less thorough than the winner'],
      verdict: index === 0 ? 'The best of the attempts.' : `Ranked ${index + 1}.`,
    })),
    usage: { ...emptyUsage, inputTokens: 3000, outputTokens: 200, costUsd: 0.005 },
    startedAt: '2030-01-01T00:01:00.000Z',
    finishedAt: '2030-01-01T00:01:02.000Z',
    ...overrides,
  };
}

/** Three attempts of group g, each carrying `rank` (tests only). */
export function groupOf(rank: Ranking | null): Record<string, Task> {
  const tasks = [
    attempt('a1', 1, 1, 0.01, { ranking: rank }),
    attempt('a2', 2, 2, 0.02, { ranking: rank }),
    attempt('a3', 3, 3, 0.03, { ranking: rank }),
  ];
  return Object.fromEntries(tasks.map((task) => [task.id, task]));
}
