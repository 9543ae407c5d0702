// Fixed choices the contract's enums are built from, as plain lists: the CLI checks its options against these at
// start-up without loading zod.

/** The model providers the built-in agent can use. */
export const providerIds = ['anthropic', 'openai', 'compatible'] as const;

/** What a queue does when bringing the base in conflicts: ask the task's agent to resolve it, or wait for the user. */
export const queueConflictModes = ['agent', 'wait'] as const;
