import { z } from 'zod';
import { automationLabelSchema } from './automation.js';
import { overlapSchema } from './overlap.js';
import { pullRequestSchema } from './pull-request.js';
import { groupOptionsSchema, groupRoleSchema, rankingSchema } from './ranking.js';
import { teamRoleSchema } from './team.js';
import { usageTotalsSchema } from './usage.js';
import { approvalModes, taskPhases, taskStatuses } from './task-state.js';
import { verifyResultSchema } from './verify.js';

export * from './task-state.js';

/** Schema for a task's status. */
export const taskStatusSchema = z.enum(taskStatuses);
/** A task's status. */
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Schema for a worktree-creation phase. */
export const taskPhaseSchema = z.enum(taskPhases);
/** A worktree-creation phase. */
export type TaskPhase = z.infer<typeof taskPhaseSchema>;

export { emptyUsage, usageTotalsSchema, type UsageTotals } from './usage.js';

/** Schema for a task's approval mode. */
export const approvalModeSchema = z.enum(approvalModes);
/** A task's approval mode. */
export type ApprovalMode = z.infer<typeof approvalModeSchema>;

/** What confines an agent's processes: bubblewrap (Linux), sandbox-exec (macOS), or nothing. */
export const sandboxKindSchema = z.enum(['bubblewrap', 'sandbox-exec', 'none']);
/** What confines an agent's processes. */
export type SandboxKind = z.infer<typeof sandboxKindSchema>;

/** Schema for how much a task changed against its base: files, and lines added and deleted. */
export const changeCountSchema = z.object({
  files: z.number().int(),
  additions: z.number().int(),
  deletions: z.number().int(),
});
/** How much a task changed against its base: files, and lines added and removed. */
export type ChangeCount = z.infer<typeof changeCountSchema>;

/** Schema for where a task's branch was last pushed. */
export const pushedBranchSchema = z.object({
  remote: z.string(),
  /** The branch name on the remote (the task branch's own name). */
  branch: z.string(),
  /** The task branch's commit that was pushed. */
  commit: z.string(),
  /** A web page that opens a pull request for it, when the remote's host is known (GitHub, GitLab, Bitbucket). */
  pullRequestUrl: z.string().nullable(),
});
/** Where a task's branch was last pushed. */
export type PushedBranch = z.infer<typeof pushedBranchSchema>;

/** Schema for a task as the engine reports it. */
export const taskSchema = z.object({
  id: z.string(),
  repoId: z.string(),
  title: z.string(),
  prompt: z.string(),
  agent: z.string(),
  model: z.string().nullable(),
  /** The base exactly as the user gave it (branch, tag or commit). */
  baseRef: z.string(),
  /** The branch merges go into by default; null when the base is a tag or commit. */
  baseBranch: z.string().nullable(),
  /** The commit the task branch started from. */
  baseCommit: z.string(),
  branch: z.string(),
  worktreePath: z.string(),
  hasWorktree: z.boolean(),
  status: taskStatusSchema,
  phase: taskPhaseSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  turns: z.number(),
  /** The agent's working time summed over its ended turns, in milliseconds (0 in summaries from before it was kept). */
  workMs: z.number().nonnegative().default(0),
  /** When the turn that is running now started; null while no turn runs. */
  turnStartedAt: z.string().nullable().default(null),
  usage: usageTotalsSchema,
  lastError: z.string().nullable(),
  mergedCommit: z.string().nullable(),
  /** The branch the task was last merged into; null before its first merge. */
  mergedInto: z.string().nullable().default(null),
  archiveRef: z.string().nullable(),
  /** Files left with conflict markers when the base was last brought in; merging refuses while any still has them. */
  conflictFiles: z.array(z.string()).default([]),
  /**
   * What the task changes against its base, as last counted (at a checkpoint, or live while its agent works); null
   * before any.
   */
  changes: changeCountSchema.nullable().default(null),
  /** The task branch's commit as of its latest checkpoint, bringing in of the base, or rollback; null before any. */
  lastCommit: z.string().nullable().default(null),
  /** The last push of the task branch; null until it is pushed. */
  pushed: pushedBranchSchema.nullable().default(null),
  /** The pull request opened for the task branch (through gh), as last refreshed; null before one. */
  pullRequest: pullRequestSchema.nullable().default(null),
  /** Sibling tasks dispatched from one prompt share a group id. */
  groupId: z.string().nullable(),
  /** Set once another attempt of the group was merged instead of this one: which, into what, as which commit. */
  mergedSibling: z.object({ taskId: z.string(), into: z.string(), commit: z.string() }).nullable().default(null),
  approvalMode: approvalModeSchema.default('auto'),
  allowNetwork: z.boolean().default(false),
  /** Known once the agent has started; 'none' means the UI shows an "unsandboxed" label. */
  sandbox: sandboxKindSchema.nullable().default(null),
  /** Model calls per turn. */
  maxModelCalls: z.number().int().positive().default(50),
  /** Budgets for the whole task, over every turn (null for none): tokens, and cost in US dollars. */
  tokenBudget: z.number().int().positive().nullable().default(null),
  costBudgetUsd: z.number().positive().nullable().default(null),
  /** Put away by the user: left out of the sidebar's list (a filter shows it), nothing else changes. */
  archived: z.boolean().default(false),
  /** This task's verify command: null uses the repository's, '' runs none for this task. */
  verifyCommand: z.string().nullable().default(null),
  /** How many times a failed verify sends the agent back: null uses the repository's. */
  verifyRetries: z.number().int().nonnegative().nullable().default(null),
  /** The last verify run's result; null before any. */
  lastVerify: verifyResultSchema.nullable().default(null),
  /** True while a verify command runs in the worktree. */
  verifying: z.boolean().default(false),
  /**
   * Retries verify has used since the person's last message: counted when a failure goes back to the agent, so the
   * retry turn that follows shows "retry N of M".
   */
  verifyRetry: z.number().int().nonnegative().default(0),
  /** What the task is in its group (null outside any group). */
  groupRole: groupRoleSchema.nullable().default(null),
  /** What its group was asked to do (judge, synthesize, budget); null outside any group. */
  groupOptions: groupOptionsSchema.nullable().default(null),
  /** The group's ranking as last recorded on this task's thread; null before the judge or rule ran. */
  ranking: rankingSchema.nullable().default(null),
  /** Set when the group's budget stopped the group: what was reached. */
  groupStoppedBy: z.string().nullable().default(null),
  /** Set on a task an automation started: which, which run, and why it fired. */
  automation: automationLabelSchema.nullable().default(null),
  /** Set on a task of an agent team: the lead, or a subtask of which lead; null outside any team. */
  team: teamRoleSchema.nullable().default(null),
  /** Other active tasks on the same base branch that change some of the same files; empty when none. */
  overlaps: z.array(overlapSchema).default([]),
});
/** A task as the engine reports it. */
export type Task = z.infer<typeof taskSchema>;
