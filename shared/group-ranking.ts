// Rankings in words and facts without zod, for the CLI's start-up (see verify-state.ts).
import type { Ranking } from './ranking.js';
import type { Task } from './task.js';

/** The rule that ranks attempts without a judge, in words (the compare view and `flotilla compare` say it). */
export const rankingRule = 'verified first, then the smaller change, then the lower cost';

/** The latest ranking any task of the group carries (every member records the same events). */
export function groupRanking(members: readonly Task[]): Ranking | null {
  let latest: Ranking | null = null;
  for (const task of members) {
    const ranking = task.ranking;
    if (ranking && (!latest || ranking.startedAt >= latest.startedAt)) latest = ranking;
  }
  return latest;
}
