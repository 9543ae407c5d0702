import { z } from 'zod';
import { usageTotalsSchema } from './usage.js';

export { rankingRule } from './group-ranking.js';

/** What a task is in its group: one of the attempts, or the synthesis of them. */
export const groupRoleSchema = z.enum(['attempt', 'synthesis']);
/** What a task is in its group. */
export type GroupRole = z.infer<typeof groupRoleSchema>;

/** Schema for what a group was asked to do, carried by every task of it from its creation. */
export const groupOptionsSchema = z.object({
  /** The user asked for a judge (`--judge`): a missing judge model is an error, not a silent rule ranking. */
  judge: z.boolean(),
  /** Start a synthesis task once the judge has ranked the attempts. */
  synthesize: z.boolean(),
  /** The whole group's cost budget in US dollars (attempts, judge and synthesis); null for none. */
  costBudgetUsd: z.number().positive().nullable(),
});
/** What a group was asked to do. */
export type GroupOptions = z.infer<typeof groupOptionsSchema>;

/** Schema for the judge's answer about one attempt (the structured output it must give). */
export const judgedAttemptSchema = z.object({
  taskId: z.string(),
  /** 1 is best. */
  rank: z.number().int().min(1),
  /** 0 to 10. */
  score: z.number().min(0).max(10),
  strengths: z.array(z.string()),
  risks: z.array(z.string()),
  /** One line. */
  verdict: z.string(),
});
/** The judge's answer about one attempt. */
export type JudgedAttempt = z.infer<typeof judgedAttemptSchema>;

/** Schema for a group's ranking: by the judge model, or by the stated rule when there is no judge or it failed. */
export const rankingSchema = z.object({
  state: z.enum(['judging', 'ranked']),
  by: z.enum(['judge', 'rule']),
  /** The judge model (`provider:model`); null for the rule. */
  model: z.string().nullable(),
  /** Why the rule ranked instead of a judge, or what went wrong with the judge's answer; null otherwise. */
  note: z.string().nullable(),
  /** Best first; empty while judging. */
  entries: z.array(judgedAttemptSchema),
  /** The judge's own tokens and cost, kept apart from the attempts'. */
  usage: usageTotalsSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
/** A group's ranking. */
export type Ranking = z.infer<typeof rankingSchema>;
