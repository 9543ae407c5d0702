import { z } from 'zod';
import { maxAgentsPerPrompt, maxTasksPerPrompt } from './limits.js';
import { maxVerifyRetries } from './verify.js';

/**
 * Schema for what starts an automation: a schedule, new commits on a branch, a failing verify on a branch's new tip,
 * a signed webhook, new GitHub issues and pull requests, or another task's outcome.
 */
export const automationTriggerSchema = z.discriminatedUnion('on', [
  z.object({
    on: z.literal('schedule'),
    /** Five fields (minute hour day month weekday), or six with seconds first. */
    cron: z.string().trim().min(1, 'Give a cron expression, e.g. "0 7 * * 1-5".'),
    /** An IANA time zone (Europe/Oslo); null uses the engine machine's. */
    timezone: z.string().trim().min(1).nullable().default(null),
  }),
  z.object({
    on: z.literal('commit'),
    branch: z.string().trim().min(1, 'Give the branch to watch, e.g. --branch main.'),
    /** One run for each new tip (the default), or one for each new commit. */
    per: z.enum(['tip', 'commit']).default('tip'),
    /** Whether commits Flotilla made by merging its own tasks fire too (off, so an automation cannot feed itself). */
    includeOwnMerges: z.boolean().default(false),
  }),
  z.object({
    on: z.literal('verifyFailed'),
    branch: z.string().trim().min(1, 'Give the branch to check, e.g. --branch main.'),
    /** Whether tips Flotilla made by merging its own tasks are checked too (off, as for commit triggers). */
    includeOwnMerges: z.boolean().default(false),
  }),
  z.object({
    /** `POST /hooks/<automation id>` on the engine's server, signed with the automation's secret. */
    on: z.literal('webhook'),
  }),
  z.object({
    on: z.literal('github'),
    /** How often the repository's GitHub remote is asked for new issues and pull requests. */
    intervalSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3_600, 'Poll at least once a week.')
      .default(300),
    kinds: z
      .array(z.enum(['issues', 'pulls']))
      .min(1, 'Name what to watch: issues, pulls or both.')
      .default(['issues', 'pulls']),
  }),
  z.object({
    on: z.literal('task'),
    /** What happened to the other task. */
    when: z.enum(['finished', 'merged', 'failedVerification']),
    /** Only tasks based on (or merged into) this branch; null for any. */
    branch: z.string().trim().min(1).nullable().default(null),
  }),
]);
/** What starts an automation. */
export type AutomationTrigger = z.infer<typeof automationTriggerSchema>;
/** The kinds of trigger. */
export type TriggerKind = AutomationTrigger['on'];

/** Schema for the task an automation starts: the prompt (with {{variables}}) and the options of task/create. */
export const automationTemplateSchema = z.object({
  prompt: z.string().trim().min(1, 'Give the prompt the automation runs (it may use {{variables}}).'),
  /** Agents to run it with (one task each, times attempts); null uses the engine's default agent. */
  agents: z.array(z.string().min(1)).min(1).max(maxAgentsPerPrompt).nullable().default(null),
  model: z.string().trim().min(1).nullable().default(null),
  attempts: z.number().int().min(1).max(maxTasksPerPrompt).default(1),
  /** The base of its tasks; null uses the trigger's branch, or the repository's current branch. */
  base: z.string().trim().min(1).nullable().default(null),
  /** Dollars per run; null uses the engine's default budget. */
  costBudgetUsd: z.number().positive().nullable().default(null),
  tokenBudget: z.number().int().positive().nullable().default(null),
  /** The run's verify command instead of the repository's ('' runs none); null uses the repository's. */
  verifyCommand: z.string().trim().nullable().default(null),
  verifyRetries: z
    .number()
    .int()
    .min(0, 'Retries can be 0 (no retry) or more.')
    .max(maxVerifyRetries, `At most ${maxVerifyRetries} retries.`)
    .nullable()
    .default(null),
});
/** The task an automation starts. */
export type AutomationTemplate = z.infer<typeof automationTemplateSchema>;

/** Schema for an automation's limits: concurrent runs, runs and dollars per day. */
export const automationLimitsSchema = z.object({
  /** Runs of this automation at once; a run is over once none of its tasks is queued or working. */
  maxConcurrent: z.number().int().min(1).max(maxTasksPerPrompt).default(1),
  /** What happens to an event while the automation is at its limit: wait for a free slot, or skip it. */
  whenBusy: z.enum(['queue', 'skip']).default('queue'),
  /** Runs started per day (the engine machine's local day); null for no limit. */
  maxRunsPerDay: z.number().int().positive().nullable().default(null),
  /** Dollars spent per day by the runs' tasks; null for no limit. */
  maxUsdPerDay: z.number().positive().nullable().default(null),
});
/** An automation's limits. */
export type AutomationLimits = z.infer<typeof automationLimitsSchema>;

/** Schema for an automation as the engine stores and reports it. */
export const automationSchema = z.object({
  id: z.string(),
  name: z.string(),
  repoId: z.string(),
  trigger: automationTriggerSchema,
  template: automationTemplateSchema,
  limits: automationLimitsSchema,
  paused: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When a schedule fires next (null for other triggers and while paused). */
  nextRunAt: z.string().nullable().default(null),
  /**
   * The last thing that kept its trigger from working (a failed GitHub poll, a branch it cannot watch, a verify
   * command removed); null once a run starts again.
   */
  problem: z.string().nullable().default(null),
});
/** An automation: a trigger, a task template and limits. */
export type Automation = z.infer<typeof automationSchema>;

/** How a run of an automation went: waiting for a slot, started, skipped (a limit, a duplicate) or failed to start. */
export const automationRunStateSchema = z.enum(['queued', 'started', 'skipped', 'failed']);
/** How a run of an automation went. */
export type AutomationRunState = z.infer<typeof automationRunStateSchema>;

/**
 * Where a finished run stands in the inbox: unread (it changed files, reported findings, or failed), read, or
 * archived (by the person, or at once when it had nothing to report).
 */
export const inboxStateSchema = z.enum(['unread', 'read', 'archived']);
/** Where a finished run stands in the inbox. */
export type InboxState = z.infer<typeof inboxStateSchema>;

/**
 * The line an automation's agent ends its answer with when it found nothing to change or report; such a run is
 * archived at once instead of landing in the inbox.
 */
export const nothingToReport = 'NOTHING TO REPORT';

/** Schema for one run of an automation: why it fired, and what came of it. */
export const automationRunSchema = z.object({
  id: z.string(),
  automationId: z.string(),
  firedAt: z.string(),
  /** What fired it, in words: "schedule 0 7 * * 1-5, due 07:00", "new commit 1a2b3c4 on main", "run by hand". */
  reason: z.string(),
  /** True when a schedule fired later than due (the machine slept, or the engine was not running). */
  late: z.boolean().default(false),
  /** What makes two events the same (a commit, a delivery id); a second event with the same key starts nothing. */
  eventKey: z.string().nullable(),
  /** The values the prompt's {{variables}} got. */
  variables: z.record(z.string(), z.string()),
  state: automationRunStateSchema,
  /** Why it was skipped or failed to start; null otherwise. */
  detail: z.string().nullable().default(null),
  /** The tasks it started. */
  taskIds: z.array(z.string()).default([]),
  startedAt: z.string().nullable().default(null),
  /** Where it stands in the inbox once its tasks have finished; null before (and for runs that started nothing). */
  inbox: inboxStateSchema.nullable().default(null),
  /** What came of it, in a line: "3 files changed", "findings, no changes", "nothing to report". */
  outcome: z.string().nullable().default(null),
});
/** One run of an automation. */
export type AutomationRun = z.infer<typeof automationRunSchema>;

/** Schema for what automation/create takes: the automation without what the engine fills in. */
export const automationInputSchema = z.object({
  repoId: z.string().min(1, 'Give a repository id or path (see `flotilla repo list`).'),
  name: z
    .string()
    .trim()
    .min(1, 'Give the automation a name (--name).')
    .max(60, 'Keep the name to 60 characters.')
    .regex(/^[\w.-]+$/, 'Use letters, digits, "-", "_" or "." in the name, so commands can refer to it.'),
  trigger: automationTriggerSchema,
  template: automationTemplateSchema,
  limits: automationLimitsSchema.prefault({}),
  paused: z.boolean().default(false),
});

/** Schema for automation/update: any of the parts, each replacing the stored one whole. */
export const automationUpdateSchema = z.object({
  name: automationInputSchema.shape.name.optional(),
  trigger: automationTriggerSchema.optional(),
  template: automationTemplateSchema.optional(),
  limits: automationLimitsSchema.optional(),
});

/** Marks a task that an automation started: which automation, which run, and why it fired. */
export const automationLabelSchema = z.object({
  automationId: z.string(),
  name: z.string(),
  runId: z.string(),
  reason: z.string(),
  /** How many automations led to this one (a task trigger fired by an automation's task adds one). */
  depth: z.number().int().nonnegative().default(0),
});
/** Marks a task that an automation started. */
export type AutomationLabel = z.infer<typeof automationLabelSchema>;

/** The largest webhook payload the engine takes (GitHub caps its deliveries at 25 MB; issues are far smaller). */
export const maxWebhookBytes = 1024 * 1024;

/** Schema for a webhook delivery as the engine's server hands it on: the raw body and the headers that matter. */
export const webhookDeliverySchema = z.object({
  automationId: z.string().min(1),
  /** The request body as sent (a signature is over these bytes). */
  body: z.string().max(maxWebhookBytes, 'The payload is larger than 1 MB.'),
  /** X-Hub-Signature-256: `sha256=<hex HMAC of the body with the secret>`, GitHub's format. */
  signature: z.string().nullable().default(null),
  /** X-Flotilla-Secret: the secret itself, for senders that cannot sign. */
  secret: z.string().nullable().default(null),
  /** X-GitHub-Delivery or X-Flotilla-Delivery: a retried delivery has the same id and starts nothing. */
  delivery: z.string().max(200).nullable().default(null),
  /** X-GitHub-Event: issues, pull_request, push, ping, … (null for other senders). */
  event: z.string().max(100).nullable().default(null),
  contentType: z.string().max(200).nullable().default(null),
});

/** What came of a webhook delivery: a run (started, queued, skipped, failed), or why none was made. */
export const webhookOutcomeSchema = z.enum(['run', 'duplicate', 'paused', 'ping']);
