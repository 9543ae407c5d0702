import { z } from 'zod';
import { verifyOutcomes } from './verify-state.js';

export * from './verify-state.js';

/** Schema for how a verify run ended. */
export const verifyOutcomeSchema = z.enum(verifyOutcomes);
/** How a verify run ended. */
export type VerifyOutcome = z.infer<typeof verifyOutcomeSchema>;

/** Why a verify run started: after an agent turn that changed files, or because someone asked (`flotilla verify`). */
export const verifyTriggerSchema = z.enum(['turn', 'request']);

/** Schema for the result of one verify run, as `verify.finished` records it and the task summary keeps the last. */
export const verifyResultSchema = z.object({
  passed: z.boolean(),
  outcome: verifyOutcomeSchema,
  /** Null when the command never exited by itself (timed out, stopped, could not start). */
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  command: z.string(),
  /** The end of the combined output, at most verifyTailChars characters. */
  outputTail: z.string(),
  /** How many characters the command printed in all (more than the tail when it was cut). */
  outputChars: z.number().int().nonnegative(),
  /** The task branch's commit the checks ran on (checkpointed just before); a later commit makes the result stale. */
  commit: z.string().nullable(),
  at: z.string(),
});
/** The result of one verify run. */
export type VerifyResult = z.infer<typeof verifyResultSchema>;
