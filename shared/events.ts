import { z } from 'zod';
import {
  changeCountSchema,
  pushedBranchSchema,
  sandboxKindSchema,
  taskPhaseSchema,
  taskSchema,
  taskStatusSchema,
  usageTotalsSchema,
} from './task.js';
import { overlapSchema } from './overlap.js';
import { pullRequestSchema } from './pull-request.js';
import { rankingSchema } from './ranking.js';
import { verifyResultSchema, verifyTriggerSchema } from './verify.js';

const base = { taskId: z.string(), seq: z.number().int(), at: z.string() };

/** Why an agent turn ended. */
export const turnEndReasons = ['completed', 'stopped', 'failed', 'maxTurns', 'budget', 'interrupted'] as const;

/** Schema for every event in a task's thread; the log on disk is a sequence of these. */
export const threadEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('task.created'), task: taskSchema }),
  z.object({
    ...base,
    type: z.literal('user.message'),
    text: z.string(),
    /**
     * Who sent it: the person (absent in older logs), Flotilla sending a failed verify back to the agent, or a
     * teammate of an agent team (`from`).
     */
    origin: z.enum(['user', 'verify', 'teammate']).optional(),
    /** The task that sent a teammate's message. */
    from: z.string().optional(),
  }),
  /**
   * The user took back a message that was waiting for its turn (the user.message with sequence number `messageSeq`); it
   * never runs.
   */
  z.object({ ...base, type: z.literal('message.cancelled'), messageSeq: z.number().int() }),
  z.object({
    ...base,
    type: z.literal('phase.changed'),
    phase: taskPhaseSchema,
    state: z.enum(['started', 'finished', 'failed']),
    durationMs: z.number().nullable(),
    detail: z.string().nullable(),
  }),
  z.object({ ...base, type: z.literal('phase.output'), phase: taskPhaseSchema, text: z.string() }),
  z.object({ ...base, type: z.literal('turn.started'), turn: z.number().int() }),
  z.object({ ...base, type: z.literal('agent.text'), text: z.string() }),
  z.object({ ...base, type: z.literal('agent.reasoning'), text: z.string() }),
  z.object({ ...base, type: z.literal('tool.started'), callId: z.string(), name: z.string(), input: z.unknown() }),
  z.object({ ...base, type: z.literal('tool.output'), callId: z.string(), text: z.string() }),
  z.object({
    ...base,
    type: z.literal('tool.finished'),
    callId: z.string(),
    ok: z.boolean(),
    result: z.string(),
    durationMs: z.number(),
  }),
  /** One model call's tokens and cost: the same fields the task's usage totals sum. */
  z.object({ ...base, type: z.literal('usage'), model: z.string(), ...usageTotalsSchema.shape }),
  z.object({
    ...base,
    type: z.literal('turn.ended'),
    turn: z.number().int(),
    reason: z.enum(turnEndReasons),
    message: z.string().nullable(),
    /**
     * How long the agent worked in this turn, when that is not the time since its turn.started:
     * a turn the engine's crash interrupted ends at the next start-up, but stopped working much earlier.
     */
    workMs: z.number().nonnegative().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('status.changed'),
    status: taskStatusSchema,
    previous: taskStatusSchema,
    message: z.string().nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('checkpoint'),
    commit: z.string(),
    message: z.string(),
    /** What the task branch now changes against its base (absent in logs from before it was counted). */
    changes: changeCountSchema.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('merged'),
    commit: z.string(),
    into: z.string(),
    mode: z.enum(['squash', 'merge']),
  }),
  z.object({ ...base, type: z.literal('discarded'), archiveRef: z.string(), commit: z.string() }),
  z.object({ ...base, type: z.literal('pushed'), pushed: pushedBranchSchema }),
  /**
   * The task branch's pull request as gh reported it: just created, found already open for the branch, or refreshed
   * (recorded only when something changed).
   */
  z.object({
    ...base,
    type: z.literal('pullRequest.changed'),
    pullRequest: pullRequestSchema,
    origin: z.enum(['created', 'found', 'refreshed']),
  }),
  /** Another attempt of the same prompt (same group id) was merged; this one was not. */
  z.object({ ...base, type: z.literal('sibling.merged'), siblingId: z.string(), into: z.string(), commit: z.string() }),
  /**
   * The bring-in-base event (task/bringInBase): the base branch was merged into the task branch. Its type keeps the
   * name old logs use.
   */
  z.object({
    ...base,
    type: z.literal('base.merged'),
    /** The base branch brought into the task branch, and the commit it was at. */
    base: z.string(),
    baseCommit: z.string(),
    /** The merge commit on the task branch. */
    commit: z.string(),
    /** Files committed with conflict markers, for the agent or the user to resolve; empty when clean. */
    conflicts: z.array(z.string()),
    /** What the task branch now changes against its base (absent in logs from before it was counted). */
    changes: changeCountSchema.optional(),
  }),
  z.object({ ...base, type: z.literal('restored'), branch: z.string(), worktreePath: z.string() }),
  /** The task branch was moved back to one of its checkpoints; the work after it is kept under archiveRef. */
  z.object({
    ...base,
    type: z.literal('branch.rolledBack'),
    /** The checkpoint the branch and worktree are now at. */
    commit: z.string(),
    /** Where the branch was before: the tip the archive ref keeps. */
    from: z.string(),
    archiveRef: z.string(),
    /** What the task branch now changes against its base. */
    changes: changeCountSchema.optional(),
  }),
  /** What the task changes against its base, counted while its agent works (loose files included). */
  z.object({ ...base, type: z.literal('changes.counted'), changes: changeCountSchema }),
  /** The task's worktree folder was removed after its merge; its branch keeps every commit. */
  z.object({ ...base, type: z.literal('worktree.removed'), worktreePath: z.string(), branch: z.string() }),
  z.object({ ...base, type: z.literal('notice'), level: z.enum(['info', 'warning']), message: z.string() }),
  z.object({ ...base, type: z.literal('sandbox.detected'), sandbox: sandboxKindSchema, detail: z.string() }),
  z.object({
    ...base,
    type: z.literal('budget.changed'),
    tokenBudget: z.number().int().positive().nullable(),
    costBudgetUsd: z.number().positive().nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('approval.requested'),
    requestId: z.string(),
    tool: z.string(),
    input: z.unknown(),
    /** One line saying what would run, e.g. the bash command. */
    summary: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('approval.resolved'),
    requestId: z.string(),
    decision: z.enum(['approve', 'deny']),
    /** 'user' when a person answered; 'stop' when the task was stopped while waiting. */
    by: z.enum(['user', 'stop']),
  }),
  z.object({
    ...base,
    type: z.literal('context.compacted'),
    method: z.enum(['summary', 'truncation']),
    /** The handoff that replaces older turns in the model's context (empty for truncation). */
    summary: z.string(),
    /** Events up to and including this sequence number are covered by the summary. */
    throughSeq: z.number().int(),
    tokensBefore: z.number(),
    tokensAfter: z.number(),
  }),
  z.object({ ...base, type: z.literal('error'), code: z.string(), message: z.string() }),
  /** A verify command started in the task's worktree, on `commit` (the tip just checkpointed). */
  z.object({
    ...base,
    type: z.literal('verify.started'),
    command: z.string(),
    commit: z.string().nullable(),
    trigger: verifyTriggerSchema,
    /** Retries already used in this round (0 on the first check after a person's message), and how many it may use. */
    retry: z.number().int().nonnegative(),
    retries: z.number().int().nonnegative(),
  }),
  /** Output of the running verify command, as it streams. */
  z.object({ ...base, type: z.literal('verify.output'), text: z.string() }),
  z.object({
    ...base,
    type: z.literal('verify.finished'),
    result: verifyResultSchema,
    /** True when the failure goes back to the agent as retry `retry + 1` of `retries`. */
    willRetry: z.boolean(),
    retry: z.number().int().nonnegative(),
    retries: z.number().int().nonnegative(),
  }),
  /** The group's ranking started or changed (recorded on every task of the group, so each thread tells it). */
  z.object({ ...base, type: z.literal('ranking.changed'), groupId: z.string(), ranking: rankingSchema }),
  /** The group's budget was reached: every task of it was stopped, and no judge or synthesis starts. */
  z.object({ ...base, type: z.literal('group.stopped'), groupId: z.string(), message: z.string() }),
  /** The user gave the task a new title. */
  z.object({ ...base, type: z.literal('task.renamed'), title: z.string() }),
  /** The user archived the task (out of the sidebar's list) or brought it back. */
  z.object({ ...base, type: z.literal('task.archived'), archived: z.boolean() }),
  /** The other active tasks on the same base branch that change some of the same files changed (empty: none left). */
  z.object({ ...base, type: z.literal('overlaps.changed'), overlaps: z.array(overlapSchema) }),
]);

/** One event in a task's thread. */
export type ThreadEvent = z.infer<typeof threadEventSchema>;
/** The name of a thread event type. */
export type ThreadEventType = ThreadEvent['type'];
/** A thread event of one type. */
export type ThreadEventOf<T extends ThreadEventType> = Extract<ThreadEvent, { type: T }>;
/** A thread event before the engine stamps it with task id, sequence number and time. */
export type ThreadEventInput = ThreadEvent extends infer E
  ? E extends ThreadEvent
    ? Omit<E, 'taskId' | 'seq' | 'at'>
    : never
  : never;
