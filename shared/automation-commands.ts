import { z } from 'zod';
import {
  automationInputSchema,
  automationRunSchema,
  automationSchema,
  automationUpdateSchema,
  inboxStateSchema,
  webhookDeliverySchema,
  webhookOutcomeSchema,
} from './automation.js';

const automationRef = {
  automationId: z.string().min(1, 'Give an automation name or id (see `flotilla automation list`).'),
};

/** Commands of automations and their inbox, part of the command map in commands.ts. */
export const automationCommandSchemas = {
  /** Saves an automation: a trigger, a task template and limits (refused with what is wrong: a bad cron, a typo). */
  'automation/create': { params: automationInputSchema, result: z.object({ automation: automationSchema }) },
  'automation/list': {
    params: z.object({ repoId: z.string().optional() }),
    result: z.object({ automations: z.array(automationSchema) }),
  },
  /** Replaces the parts given; the automation keeps its id, runs and schedule state. */
  'automation/update': {
    params: z.object({ ...automationRef, changes: automationUpdateSchema }),
    result: z.object({ automation: automationSchema }),
  },
  /** Removes an automation; the tasks its runs started stay, and so does their history. */
  'automation/remove': { params: z.object(automationRef), result: z.object({ removed: z.boolean() }) },
  'automation/pause': { params: z.object(automationRef), result: z.object({ automation: automationSchema }) },
  'automation/resume': { params: z.object(automationRef), result: z.object({ automation: automationSchema }) },
  /** Runs an automation now, by hand (limits still apply; a paused one runs too). */
  'automation/run': { params: z.object(automationRef), result: z.object({ run: automationRunSchema }) },
  /** Runs, newest first: of one automation, or of all. */
  'automation/runs': {
    params: z.object({
      automationId: z.string().min(1).optional(),
      limit: z.number().int().positive().max(1000).default(50),
    }),
    result: z.object({ runs: z.array(automationRunSchema) }),
  },
  /** Runs that finished with something to look at, newest first: unread and read ones, archived too with `all`. */
  'inbox/list': {
    params: z.object({ all: z.boolean().default(false) }),
    result: z.object({ runs: z.array(automationRunSchema), unread: z.number().int() }),
  },
  /** Marks a run (named by its id or one of its tasks) read, unread or archived. */
  'inbox/mark': {
    params: z.object({
      runId: z.string().min(1, 'Give a run id or a task id (see `flotilla inbox`).'),
      state: inboxStateSchema,
    }),
    result: z.object({ run: automationRunSchema }),
  },
  /**
   * A webhook automation's secret and its path on the engine's server (`/hooks/<id>`); refused for other triggers.
   * Anyone holding the secret can start its runs.
   */
  'automation/secret': {
    params: z.object(automationRef),
    result: z.object({ secret: z.string(), path: z.string() }),
  },
  /**
   * A webhook delivery, handed on by the engine's server: checked against the automation's secret (refused with
   * unauthorized otherwise), mapped into {{event.*}} variables and fired; a delivery id seen before starts nothing.
   */
  'automation/webhook': {
    params: webhookDeliverySchema,
    result: z.object({ outcome: webhookOutcomeSchema, run: automationRunSchema.nullable() }),
  },
};
