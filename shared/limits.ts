/** Numeric limits that the engine, the CLI and the window all enforce or show; each is defined here once. */

/** Tasks one prompt may start at most (agents × attempts), and so the most attempts of one agent. */
export const maxTasksPerPrompt = 16;
/** Agents one prompt may run side by side. */
export const maxAgentsPerPrompt = 8;
/** Characters of a task title. */
export const maxTitleLength = 200;
/** Tasks a repository may run at once (its concurrency setting). */
export const maxConcurrency = 64;
/** How long a client waits for the engine to answer one call; merges and setup can be slow. */
export const engineCallTimeoutMs = 10 * 60_000;

/** The most worktrees a repository's warm pool may keep. */
export const maxPoolSize = 8;
