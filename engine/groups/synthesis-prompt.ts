import type { Ranking } from '../../shared/ranking.js';
import type { AttemptFacts } from './attempt-facts.js';
import { describeAttempt } from './judge-prompt.js';

/** The synthesis task's prompt: the original task, the ranked attempts' diffs and the judge's notes. */
export function synthesisPrompt(
  prompt: string,
  ranking: Ranking,
  attempts: readonly AttemptFacts[],
  now: number,
): string {
  const byId = new Map(attempts.map((facts) => [facts.task.id, facts]));
  const sections = ranking.entries.flatMap((entry) => {
    const facts = byId.get(entry.taskId);
    if (!facts) return [];
    const notes = [
      `Rank ${entry.rank}, score ${entry.score}/10: ${entry.verdict}`,
      `Strengths: ${entry.strengths.join('; ') || 'none noted'}`,
      `Risks: ${entry.risks.join('; ') || 'none noted'}`,
    ];
    return [`## Attempt ranked ${entry.rank}\n${notes.join('\n')}\n${describeAttempt(facts, now)}`];
  });
  const judge = ranking.by === 'judge' ? `the judge model ${ranking.model ?? ''}`.trim() : 'the rule';
  return [
    prompt,
    '---',
    `Several attempts were made at the task above, each in its own worktree, and ranked by ${judge}${ranking.note ? ` (${ranking.note})` : ''}. Their changes and the ranking notes follow. Your worktree starts from the same base as theirs, without any of their changes.`,
    ...sections,
    '---',
    'Write one solution to the task that takes the best of each attempt: keep what the ranking praises, avoid the risks it names, and make sure the checks pass.',
  ].join('\n\n');
}
