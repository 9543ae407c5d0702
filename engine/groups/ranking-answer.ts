import { z } from 'zod';
import { judgedAttemptSchema, type JudgedAttempt } from '../../shared/ranking.js';

/** Schema of the judge's tool input: one entry per attempt. */
export const rankingAnswerSchema = z.object({ attempts: z.array(judgedAttemptSchema) });

/** The JSON Schema of the judge tool's input, as the model APIs take it. */
export function rankingAnswerJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(rankingAnswerSchema) as Record<string, unknown>;
  return schema;
}

/** A checked judge answer: the entries best first, or what was wrong with it (in words the model can act on). */
export type CheckedAnswer = { ok: true; entries: JudgedAttempt[] } | { ok: false; problem: string };

/** Checks the judge's tool input: valid against the schema, every attempt exactly once, ranks 1..N each once. */
export function checkRankingAnswer(input: unknown, taskIds: readonly string[]): CheckedAnswer {
  const parsed = rankingAnswerSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    return { ok: false, problem: `The answer does not match the schema (${problems.join('; ')}).` };
  }
  const entries = parsed.data.attempts;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!taskIds.includes(entry.taskId)) problems.push(`"${entry.taskId}" is not one of the attempts`);
    else if (seen.has(entry.taskId)) problems.push(`${entry.taskId} is ranked more than once`);
    seen.add(entry.taskId);
  }
  const missing = taskIds.filter((id) => !seen.has(id));
  if (missing.length > 0) problems.push(`missing: ${missing.join(', ')}`);
  const ranks = entries.map((entry) => entry.rank).sort((left, right) => left - right);
  if (ranks.length !== taskIds.length || ranks.some((rank, index) => rank !== index + 1))
    problems.push(`ranks must be 1 to ${taskIds.length}, each once (got ${ranks.join(', ')})`);
  if (problems.length > 0)
    return { ok: false, problem: `Rank every attempt exactly once (${taskIds.join(', ')}): ${problems.join('; ')}.` };
  return { ok: true, entries: [...entries].sort((left, right) => left.rank - right.rank) };
}
