import { z } from 'zod';
import { maxAgentsPerPrompt, maxTasksPerPrompt, maxTitleLength } from './limits.js';
import { mergePreviewSchema, taskDiffSchema } from './diff.js';
import { threadEventSchema } from './events.js';
import {
  engineSettingsSchema,
  modelPriceSchema,
  providerIdSchema,
  providerPublicSchema,
  providerUpdateSchema,
  repoSchema,
  repoSettingsUpdateSchema,
} from './repo.js';
import { automationCommandSchemas } from './automation-commands.js';
import { groupSchema } from './group.js';
import { queueCommands } from './merge-queue.js';
import { mcpCommands } from './mcp.js';
import { terminalCommands } from './terminal.js';
import { poolCommands } from './pool.js';
import { hostCommands } from './hosts.js';
import { maxVerifyRetries, verifyResultSchema } from './verify.js';
import { approvalModeSchema, pushedBranchSchema, taskSchema, taskStatusSchema } from './task.js';
import { pullRequestSchema } from './pull-request.js';

/** The most events one `task/eventPage` answer holds. */
export const maxEventPage = 10_000;
/** How many events a `task/eventPage` answer holds when the caller does not say. */
export const defaultEventPage = 2_000;

const taskRef = { taskId: z.string().min(1, 'Give a task id (see `flotilla list`).') };

/**
 * Whose settings and login a CLI agent uses: Flotilla's own folder (the default), or the user's (~/.claude, ~/.codex).
 */
export const configHomeSchema = z.enum(['flotilla', 'user']);

/** Schema for a model an agent or provider offers: the id to use, and how to show it. */
export const modelChoiceSchema = z.object({
  /**
   * What goes in the model field (`provider:model` for the built-in agent, the CLI's own name for Claude Code and
   * Codex).
   */
  id: z.string(),
  /** A friendlier name, when there is one. */
  label: z.string().optional(),
  /** A short note: "latest Sonnet", "no key set". */
  detail: z.string().optional(),
});

/** Schema for an agent as the agent picker and Settings show it. */
export const agentInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  available: z.boolean(),
  /** The version found and what to do when it cannot run. */
  detail: z.string(),
  /** Whether its program path can be set (external agents). */
  configurable: z.boolean(),
  /** The program path the user set; null when it is looked up on PATH. */
  path: z.string().nullable(),
  /** Whose login it uses; null for agents without that choice. */
  configHome: configHomeSchema.nullable(),
  /** Models to offer in the model field (free text is allowed too). */
  models: z.array(modelChoiceSchema).optional(),
  /** What an empty model field means: a model name, or null for the agent's own default. */
  defaultModel: z.string().nullable().optional(),
  /** One line of help for the model field. */
  modelHint: z.string().optional(),
  /** False for agents that choose their model themselves. */
  acceptsModel: z.boolean().optional(),
  /** Whether it can lead an agent team: it has the team tools natively (Flotilla agent) or over Flotilla's MCP. */
  leadsTeams: z.boolean().optional(),
});

/** Schema for a local branch as the base-branch picker shows it. */
export const branchInfoSchema = z.object({
  name: z.string(),
  /** When its tip was committed (ISO 8601). */
  committedAt: z.string(),
  /** A branch Flotilla made for a task (under its task branch prefix) or one a task of this repository works on. */
  task: z.boolean(),
  /** The task of this repository that works on it, if any. */
  taskId: z.string().nullable(),
  taskTitle: z.string().nullable(),
});

/** Bring in base's params and result, shared by task/bringInBase and its deprecated alias task/mergeBase. */
const bringInBaseCommand = {
  params: z.object({ ...taskRef, base: z.string().min(1).optional(), byHand: z.boolean().optional() }),
  result: z.object({
    task: taskSchema,
    outcome: z.enum(['upToDate', 'merged', 'conflicts']),
    conflicts: z.array(z.string()),
  }),
};

/**
 * Every command the engine accepts, in `resource/verb` form, with its params and result schemas.
 * Preload, main, server, CLI and renderer all derive their types from this one map.
 */
export const commands = {
  'engine/info': {
    params: z.object({}),
    result: z.object({
      version: z.string(),
      home: z.string(),
      pid: z.number(),
      startedAt: z.string(),
      notices: z.array(z.string()),
      /** The wire protocol version it speaks (shared/protocol.ts). */
      protocolVersion: z.number().int().optional(),
    }),
  },
  'repo/add': {
    params: z.object({ path: z.string().min(1, 'Give the path of a git repository.') }),
    result: z.object({ repo: repoSchema, alreadyAdded: z.boolean() }),
  },
  'repo/list': { params: z.object({}), result: z.object({ repos: z.array(repoSchema) }) },
  'repo/remove': {
    params: z.object({ repoId: z.string().min(1) }),
    result: z.object({ removed: z.boolean() }),
  },
  'repo/update': {
    params: z.object({ repoId: z.string().min(1), settings: repoSettingsUpdateSchema }),
    result: z.object({ repo: repoSchema }),
  },
  'repo/branches': {
    params: z.object({ repoId: z.string().min(1) }),
    result: z.object({
      current: z.string().nullable(),
      /**
       * Every local branch name: the user's first (the current one, then the most recently committed), then task
       * branches.
       */
      branches: z.array(z.string()),
      /** The same branches in the same order, with what the picker shows about each (this engine always sends it). */
      details: z.array(branchInfoSchema).optional(),
    }),
  },
  /**
   * Verify commands the repository suggests (package.json's test script, pytest, cargo test, go test, make test, ...),
   * best first, each with what it was found from. Nothing is set or run: the user picks one with repo/update.
   */
  'repo/suggestVerify': {
    params: z.object({ repoId: z.string().min(1) }),
    result: z.object({ suggestions: z.array(z.object({ command: z.string(), reason: z.string() })) }),
  },
  'settings/get': { params: z.object({}), result: z.object({ settings: engineSettingsSchema }) },
  'settings/update': {
    params: engineSettingsSchema.partial(),
    result: z.object({ settings: engineSettingsSchema }),
  },
  'provider/list': {
    params: z.object({}),
    result: z.object({ providers: z.record(providerIdSchema, providerPublicSchema) }),
  },
  'provider/update': {
    params: z.object({
      provider: providerIdSchema,
      settings: providerUpdateSchema,
      /**
       * false: hold the key in this engine's memory only, never written to its home (a key another machine sends for
       * this session); it goes when the engine stops. Stored by default.
       */
      remember: z.boolean().optional(),
    }),
    result: z.object({ providers: z.record(providerIdSchema, providerPublicSchema) }),
  },
  /**
   * Tests a provider by listing its models with a short timeout: the stored key and base URL, or the
   * ones given (typed in Settings, not saved yet). Never fails for a provider problem: `ok` says
   * whether it answered, `message` what is wrong and what to do. The key is never echoed.
   */
  'provider/test': {
    params: z.object({
      provider: providerIdSchema,
      apiKey: z.string().optional(),
      baseUrl: z.string().nullable().optional(),
    }),
    result: z.object({ ok: z.boolean(), message: z.string(), models: z.array(modelChoiceSchema) }),
  },
  /**
   * The models a provider lists with its stored settings, as `provider:model`; fails with providerUnavailable and the
   * reason.
   */
  'provider/models': {
    params: z.object({ provider: providerIdSchema }),
    result: z.object({ models: z.array(modelChoiceSchema) }),
  },
  'pricing/get': { params: z.object({}), result: z.object({ prices: z.record(z.string(), modelPriceSchema) }) },
  'pricing/update': {
    params: z.object({ model: z.string().min(1), price: modelPriceSchema.nullable() }),
    result: z.object({ prices: z.record(z.string(), modelPriceSchema) }),
  },
  'agent/list': {
    params: z.object({}),
    result: z.object({ agents: z.array(agentInfoSchema) }),
  },
  /**
   * Sets where an external agent's program is (null: look it up on PATH) and, for Claude Code and Codex, whose login it
   * uses.
   */
  'agent/configure': {
    params: z.object({
      agentId: z.string().min(1),
      path: z
        .string()
        .trim()
        .min(1, 'Give a program name or an absolute path, or clear it to look the agent up on PATH.')
        .nullable()
        .optional(),
      configHome: configHomeSchema.optional(),
    }),
    result: z.object({ agent: agentInfoSchema }),
  },
  'task/create': {
    params: z.object({
      repoId: z.string().min(1, 'Give a repository id (see `flotilla repo list`).'),
      prompt: z.string().trim().min(1, 'Describe the task: the prompt is empty.'),
      base: z.string().optional(),
      /** A branch name of the user's choosing instead of `flotilla/<slug>-<id>` (single attempt only). */
      branch: z.string().optional(),
      agent: z.string().optional(),
      /**
       * Several agents on the same prompt, one task each (times `attempts`), as siblings to compare; overrides `agent`.
       */
      agents: z.array(z.string().min(1)).min(1).max(maxAgentsPerPrompt).optional(),
      model: z.string().optional(),
      attempts: z.number().int().min(1).max(maxTasksPerPrompt).optional(),
      approvalMode: approvalModeSchema.optional(),
      allowNetwork: z.boolean().optional(),
      maxModelCalls: z.number().int().positive().optional(),
      tokenBudget: z.number().int().positive().optional(),
      /**
       * Dollars; null for no budget; left out, the engine's default budget applies. For several tasks it is the
       * group's budget: split evenly across the attempts, and the whole group stops when it is reached.
       */
      costBudgetUsd: z.number().positive().nullable().optional(),
      /** This task's verify command instead of the repository's; '' runs none. */
      verifyCommand: z.string().trim().optional(),
      verifyRetries: z
        .number()
        .int()
        .min(0, 'Retries can be 0 (no retry) or more.')
        .max(maxVerifyRetries, `At most ${maxVerifyRetries} retries.`)
        .optional(),
      /** Several tasks only: rank them with the judge model once all are verified (refused when none is configured). */
      judge: z.boolean().optional(),
      /** Several tasks only: once ranked, start one more task that combines the best of each (implies judge). */
      synthesize: z.boolean().optional(),
      /** One task only: make it the lead of an agent team, with tools to start subtasks, message and merge them. */
      team: z.boolean().optional(),
    }),
    result: z.object({ tasks: z.array(taskSchema) }),
  },
  /** Sets or removes a task's budgets (null removes one); a task stopped at its budget can then go on. */
  'task/setBudget': {
    params: z.object({
      ...taskRef,
      tokenBudget: z.number().int().positive('A token budget must be a positive whole number.').nullable(),
      costBudgetUsd: z.number().positive('A cost budget must be more than $0.').nullable(),
    }),
    result: z.object({ task: taskSchema }),
  },
  'task/list': {
    params: z.object({ repoId: z.string().optional(), status: z.array(taskStatusSchema).optional() }),
    result: z.object({ tasks: z.array(taskSchema) }),
  },
  'task/get': { params: z.object(taskRef), result: z.object({ task: taskSchema }) },
  'task/events': {
    params: z.object({ ...taskRef, afterSeq: z.number().int().optional() }),
    result: z.object({ events: z.array(threadEventSchema) }),
  },
  /**
   * One page of a thread, read from the end of its log: the `limit` events just before `beforeSeq` (the last ones when
   * it is absent), oldest first; `hasMore` when earlier events exist. The window opens a thread with this and pages
   * back as the user scrolls up; `task/events` with `afterSeq` catches up.
   */
  'task/eventPage': {
    params: z.object({
      ...taskRef,
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(maxEventPage, `A page holds at most ${maxEventPage} events.`).optional(),
    }),
    result: z.object({ events: z.array(threadEventSchema), hasMore: z.boolean() }),
  },
  'task/send': {
    params: z.object({ ...taskRef, text: z.string().trim().min(1, 'The message is empty.') }),
    result: z.object({ task: taskSchema }),
  },
  'task/stop': { params: z.object(taskRef), result: z.object({ task: taskSchema }) },
  /**
   * Takes back a follow-up that waits for its turn (named by its user.message's seq); refused once its turn has
   * started.
   */
  'task/cancelMessage': {
    params: z.object({ ...taskRef, seq: z.number().int().positive('Give the sequence number of the queued message.') }),
    result: z.object({ task: taskSchema }),
  },
  'task/approve': {
    params: z.object({ ...taskRef, requestId: z.string().min(1), decision: z.enum(['approve', 'deny']) }),
    result: z.object({ task: taskSchema }),
  },
  'task/diff': { params: z.object(taskRef), result: z.object({ diff: taskDiffSchema }) },
  'task/mergePreview': {
    params: z.object({ ...taskRef, into: z.string().optional() }),
    result: z.object({ preview: mergePreviewSchema }),
  },
  'task/merge': {
    params: z.object({
      ...taskRef,
      into: z.string().optional(),
      mode: z.enum(['squash', 'merge']).optional(),
      message: z.string().optional(),
      /** The target's tip the user previewed; the merge fails with baseMoved if it moved since. */
      intoCommit: z.string().optional(),
      /** Remove the task's worktree once merged (the branch is kept); default: the removeWorktreeAfterMerge setting. */
      removeWorktree: z.boolean().optional(),
      /** Merge even though the repository requires passing checks and the task has no passing, current result. */
      forceUnverified: z.boolean().optional(),
    }),
    result: z.object({
      task: taskSchema,
      commit: z.string(),
      into: z.string(),
      /** Set when the worktree was removed after the merge: the folder it was in. */
      removedWorktree: z.string().nullable(),
    }),
  },
  /**
   * Bring in base: brings the latest base branch (or `base`) into the task branch (a merge commit, the worktree
   * fast-forwarded).
   * Conflicting files are committed with conflict markers and, unless `byHand`, the agent is asked to resolve them.
   */
  'task/bringInBase': bringInBaseCommand,
  /** Deprecated alias of task/bringInBase (same params, result and handler), kept for one release. */
  'task/mergeBase': bringInBaseCommand,
  /**
   * Pushes the task branch (checkpointed first) to a remote of its repository; the result says where, and how to open a
   * pull request.
   */
  'task/push': {
    params: z.object({ ...taskRef, remote: z.string().min(1).optional() }),
    result: z.object({ task: taskSchema, pushed: pushedBranchSchema }),
  },
  /**
   * Pushes the task branch as task/push does, then opens its pull request with the GitHub CLI (gh), the title and body
   * drafted from the task unless given; a pull request already open for the branch is returned instead. Without gh
   * (or logged out), the branch is still pushed and `ghProblem` says what to install or do.
   */
  'task/createPullRequest': {
    params: z.object({
      ...taskRef,
      remote: z.string().min(1).optional(),
      draft: z.boolean().optional(),
      title: z
        .string()
        .trim()
        .min(1, 'Give the pull request a title, or leave --title out for the drafted one.')
        .optional(),
      body: z.string().optional(),
    }),
    result: z.object({
      task: taskSchema,
      pushed: pushedBranchSchema,
      /** The pull request; null when gh could not be used (see ghProblem). */
      pullRequest: pullRequestSchema.nullable(),
      /** True when this call opened it; false when one was already open for the branch. */
      created: z.boolean(),
      /** Why no pull request was opened, and what to install or do; null when one was. */
      ghProblem: z.string().nullable(),
    }),
  },
  /** Asks gh for the task's pull request again (state, checks) and records what changed. */
  'task/refreshPullRequest': {
    params: z.object(taskRef),
    result: z.object({
      task: taskSchema,
      pullRequest: pullRequestSchema.nullable(),
      /** Why gh could not be asked, and what to install or do; null when it answered. */
      ghProblem: z.string().nullable(),
    }),
  },
  /**
   * Removes a merged task's worktree (the branch keeps the work; a follow-up brings it back); refused for tasks not
   * merged.
   */
  'task/removeWorktree': {
    params: z.object(taskRef),
    result: z.object({ task: taskSchema, removedWorktree: z.string() }),
  },
  /**
   * Moves the task branch back to one of the task's checkpoints and resets its worktree there.
   * Whatever is loose is checkpointed first; the later work stays reachable under `archiveRef`.
   * Refused while the task runs, and for commits that are not checkpoints of this task.
   */
  'task/rollback': {
    params: z.object({
      ...taskRef,
      commit: z
        .string()
        .trim()
        .min(
          4,
          'Give the checkpoint commit to roll back to (at least 4 characters of it; see `flotilla show <task>`).',
        ),
    }),
    result: z.object({ task: taskSchema, commit: z.string(), from: z.string(), archiveRef: z.string() }),
  },
  /** Gives a task a new title (what the sidebar, overview and CLI show). */
  'task/rename': {
    params: z.object({
      ...taskRef,
      title: z
        .string()
        .trim()
        .min(1, 'Give the task a title: it cannot be empty.')
        .max(maxTitleLength, `A task title can be at most ${maxTitleLength} characters.`),
    }),
    result: z.object({ task: taskSchema }),
  },
  /**
   * Archives a task (it leaves the sidebar's list; its branch, worktree and thread stay) or, with archived false,
   * brings it back.
   */
  'task/archive': {
    params: z.object({ ...taskRef, archived: z.boolean().default(true) }),
    result: z.object({ task: taskSchema }),
  },
  /** Runs the task's verify command now, in its worktree (checkpointed first); refused while its agent works. */
  'task/verify': {
    params: z.object(taskRef),
    result: z.object({ task: taskSchema, result: verifyResultSchema }),
  },
  /** A group of attempts (named by any task of it): its tasks, ranking, winner and what it spent. */
  ...automationCommandSchemas,
  'group/get': { params: z.object(taskRef), result: z.object({ group: groupSchema }) },
  /** Ranks the group's attempts again now: with the judge model, or by the stated rule when there is none. */
  'group/judge': { params: z.object(taskRef), result: z.object({ group: groupSchema }) },
  /** Starts the synthesis task of a ranked group: one more attempt that combines the best of the others. */
  'group/synthesize': { params: z.object(taskRef), result: z.object({ group: groupSchema, task: taskSchema }) },
  /** Merges this attempt of its group and discards the others (archived, restorable). */
  'group/pick': {
    params: z.object({
      ...taskRef,
      into: z.string().optional(),
      mode: z.enum(['squash', 'merge']).optional(),
      message: z.string().optional(),
      forceUnverified: z.boolean().optional(),
    }),
    result: z.object({
      task: taskSchema,
      commit: z.string(),
      into: z.string(),
      /** The other attempts, now discarded. */
      discarded: z.array(z.string()),
    }),
  },
  'task/discard': { params: z.object(taskRef), result: z.object({ task: taskSchema }) },
  'task/restore': { params: z.object(taskRef), result: z.object({ task: taskSchema }) },
  ...queueCommands,
  ...mcpCommands,
  ...terminalCommands,
  ...poolCommands,
  ...hostCommands,
} as const;

/** The name of a command. */
export type CommandName = keyof typeof commands;
/** The params a command takes. */
export type CommandParams<C extends CommandName> = z.input<(typeof commands)[C]['params']>;
/** The result a command returns. */
export type CommandResult<C extends CommandName> = z.infer<(typeof commands)[C]['result']>;

/** True when a string names a known command. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
