import { z } from 'zod';

/** Schema for per-repository settings. */
export const repoSettingsSchema = z.object({
  /** Glob patterns, relative to the repository root, of untracked files copied into each new worktree. */
  includePatterns: z.array(z.string()),
  /** Shell script run in each new worktree before the agent starts; empty for none. */
  setupScript: z.string(),
});
/** Per-repository settings. */
export type RepoSettings = z.infer<typeof repoSettingsSchema>;

/** Settings a repository starts with. */
export const defaultRepoSettings: RepoSettings = { includePatterns: ['.env*'], setupScript: '' };

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

/** Schema for engine-wide settings. */
export const engineSettingsSchema = z.object({
  /** How many tasks may prepare or run at once; more are queued. */
  concurrency: z.number().int().min(1).max(64),
  defaultAgent: z.string(),
});
/** Engine-wide settings. */
export type EngineSettings = z.infer<typeof engineSettingsSchema>;

/** Engine settings before the user changes any. */
export const defaultEngineSettings: EngineSettings = { concurrency: 4, defaultAgent: 'scripted' };
