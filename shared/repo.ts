import { z } from 'zod';
import { providerIds } from './choices.js';
import { maxConcurrency, maxPoolSize } from './limits.js';
import { defaultVerifyRetries, defaultVerifyTimeoutMs, maxVerifyRetries } from './verify.js';

export { providerIds } from './choices.js';
export { maxPoolSize } from './limits.js';

/** The per-repository settings, field by field, without defaults (repo/update changes only the fields it names). */
const repoSettingsFields = {
  /** Glob patterns, relative to the repository root, of untracked files copied into each new worktree. */
  includePatterns: z.array(z.string()),
  /** Shell script run in each new worktree before the agent starts; empty for none. */
  setupScript: z.string(),
  /** The command that checks a task's work (run in its worktree, sandboxed like the agent's bash); empty for none. */
  verifyCommand: z.string().trim(),
  /** How many times a failed verify sends the agent back before the task ends as failed verification. */
  verifyRetries: z.number().int().min(0).max(maxVerifyRetries, `At most ${maxVerifyRetries} retries.`),
  /** How long the verify command may run, in milliseconds. */
  verifyTimeoutMs: z
    .number()
    .int()
    .min(1_000, 'Give the verify command at least 1 second.')
    .max(6 * 3_600_000, 'A verify time limit can be at most 6 hours.'),
  /** Refuse merges without a passing verify result for the tip being merged (only while a verify command is set). */
  requirePassingChecks: z.boolean(),
  /** Worktrees kept prepared at the base tip (files checked out, included files copied, setup done); 0 for none. */
  poolSize: z.number().int().min(0).max(maxPoolSize, `A pool holds at most ${maxPoolSize} worktrees.`),
};

/** Schema for per-repository settings (fields missing from older files get their defaults). */
export const repoSettingsSchema = z.object({
  includePatterns: repoSettingsFields.includePatterns,
  setupScript: repoSettingsFields.setupScript,
  verifyCommand: repoSettingsFields.verifyCommand.default(''),
  verifyRetries: repoSettingsFields.verifyRetries.default(defaultVerifyRetries),
  verifyTimeoutMs: repoSettingsFields.verifyTimeoutMs.default(defaultVerifyTimeoutMs),
  requirePassingChecks: repoSettingsFields.requirePassingChecks.default(true),
  poolSize: repoSettingsFields.poolSize.default(0),
});
/** Per-repository settings. */
export type RepoSettings = z.infer<typeof repoSettingsSchema>;

/** Schema for a change to a repository's settings: only the fields given change. */
export const repoSettingsUpdateSchema = z.object(repoSettingsFields).partial();

/** Settings a repository starts with. */
export const defaultRepoSettings: RepoSettings = {
  includePatterns: ['.env*'],
  setupScript: '',
  verifyCommand: '',
  verifyRetries: defaultVerifyRetries,
  verifyTimeoutMs: defaultVerifyTimeoutMs,
  requirePassingChecks: true,
  poolSize: 0,
};

/** Schema for a repository added to Flotilla. */
export const repoSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  addedAt: z.string(),
  settings: repoSettingsSchema,
});
/** A repository added to Flotilla. */
export type Repo = z.infer<typeof repoSchema>;

/** Schema for a provider id. */
export const providerIdSchema = z.enum(providerIds);
/** A provider id: Anthropic Messages, OpenAI Responses, or any OpenAI-compatible Chat Completions server. */
export type ProviderId = z.infer<typeof providerIdSchema>;

/**
 * How the engine reaches a provider: directly, through a proxy (its host:port, never its credentials, and the
 * variable it came from), or not at all because the proxy setting is wrong (what to fix).
 */
export const providerRouteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct') }),
  z.object({ kind: z.literal('proxy'), address: z.string(), variable: z.string() }),
  z.object({ kind: z.literal('invalid'), message: z.string() }),
]);
/** How the engine reaches a provider (see providerRouteSchema). */
export type ProviderRoute = z.infer<typeof providerRouteSchema>;

/** Schema for a provider's settings as clients see them: never the key itself. */
export const providerPublicSchema = z.object({
  baseUrl: z.string().nullable(),
  hasApiKey: z.boolean(),
  /** Absent from engines older than this field. */
  route: providerRouteSchema.optional(),
});

/** Schema for engine-wide settings. */
export const engineSettingsSchema = z.object({
  /** How many tasks may prepare or run at once; more are queued. */
  concurrency: z.number().int().min(1).max(maxConcurrency),
  defaultAgent: z.string(),
  /** Default model for the built-in agent, as `provider:model` (e.g. `anthropic:claude-sonnet-4-6`). */
  defaultModel: z.string(),
  defaultApprovalMode: z.enum(['auto', 'ask']),
  /** The cost budget new tasks get unless they say otherwise, in US dollars; null for none. */
  defaultCostBudgetUsd: z.number().positive('A default budget must be more than $0.').nullable(),
  /**
   * Whether merging a task also removes its worktree (its branch is kept, and a follow-up brings the worktree back).
   */
  removeWorktreeAfterMerge: z.boolean(),
  /** The model that judges a group's attempts (`provider:model`); empty picks the strongest configured model. */
  judgeModel: z.string().trim(),
});
/** Engine-wide settings. */
export type EngineSettings = z.infer<typeof engineSettingsSchema>;

/** Engine settings before the user changes any. */
export const defaultEngineSettings: EngineSettings = {
  concurrency: 4,
  defaultAgent: 'builtin',
  defaultModel: 'anthropic:claude-sonnet-4-6',
  defaultApprovalMode: 'auto',
  defaultCostBudgetUsd: null,
  removeWorktreeAfterMerge: true,
  judgeModel: '',
};

/** Schema for a change to one provider's settings; null clears a value. */
export const providerUpdateSchema = z.object({
  apiKey: z.string().nullable().optional(),
  baseUrl: z.string().nullable().optional(),
});

/** Schema for one row of the editable price table, in US dollars per million tokens. */
export const modelPriceSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
  contextWindow: z.number().int().positive(),
});
/** One row of the price table. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;
