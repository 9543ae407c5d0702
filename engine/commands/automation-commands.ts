import { randomBytes } from 'node:crypto';
import type { Automation } from '../../shared/automation.js';
import { variableProblem } from '../../shared/automation-variables.js';
import { cronProblem } from '../automations/cron.js';
import { inboxRuns } from '../automations/inbox.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { isBranchName } from '../git/refs.js';
import { githubProblem } from '../automations/github-cli.js';
import {
  ensureWebhookSecret,
  forgetWebhookSecret,
  receiveWebhook,
  webhookPath,
} from '../automations/webhook-receiver.js';
import type { Handlers } from './handler.js';

type AutomationCommand =
  | 'automation/create'
  | 'automation/list'
  | 'automation/update'
  | 'automation/remove'
  | 'automation/pause'
  | 'automation/resume'
  | 'automation/run'
  | 'automation/runs'
  | 'inbox/list'
  | 'inbox/mark'
  | 'automation/secret'
  | 'automation/webhook';

/** Automation commands: create, change, pause and run automations, and list their runs. */
export const automationCommands: Handlers<AutomationCommand> = {
  async 'automation/create'(context, input) {
    context.config.requireRepo(input.repoId);
    const now = new Date().toISOString();
    const automation: Automation = {
      id: randomBytes(4).toString('hex'),
      ...input,
      createdAt: now,
      updatedAt: now,
      nextRunAt: null,
      problem: null,
    };
    await check(context, automation);
    if (automation.trigger.on === 'webhook') ensureWebhookSecret(context, automation.id);
    return { automation: context.automations.save(automation) };
  },
  async 'automation/list'(context, { repoId }) {
    const all = context.automations.store.list();
    return { automations: repoId ? all.filter((one) => one.repoId === repoId) : all };
  },
  async 'automation/update'(context, { automationId, changes }) {
    const before = context.automations.resolve(automationId);
    const after: Automation = { ...before, ...definedParts(changes), updatedAt: new Date().toISOString() };
    await check(context, after);
    if (after.trigger.on === 'webhook') ensureWebhookSecret(context, after.id);
    // A changed schedule starts from now: slots of the old one that passed are not missed runs of the new one.
    if (changes.trigger) context.automations.store.setMemory(after.id, { lastSlot: after.updatedAt });
    return { automation: context.automations.save(after) };
  },
  async 'automation/remove'(context, { automationId }) {
    const automation = context.automations.resolve(automationId);
    context.automations.remove(automation);
    forgetWebhookSecret(context, automation.id);
    return { removed: true };
  },
  async 'automation/pause'(context, { automationId }) {
    const automation = context.automations.resolve(automationId);
    return {
      automation: context.automations.save({ ...automation, paused: true, updatedAt: new Date().toISOString() }),
    };
  },
  async 'automation/resume'(context, { automationId }) {
    const automation = context.automations.resolve(automationId);
    const now = new Date().toISOString();
    // Slots that passed while it was paused were paused too; it goes on from the next one.
    if (automation.paused) context.automations.store.setMemory(automation.id, { lastSlot: now });
    return { automation: context.automations.save({ ...automation, paused: false, updatedAt: now }) };
  },
  async 'automation/run'(context, { automationId }) {
    return { run: await context.automations.runNow(context.automations.resolve(automationId)) };
  },
  async 'automation/runs'(context, { automationId, limit }) {
    const id = automationId === undefined ? null : context.automations.resolve(automationId).id;
    return { runs: context.automations.store.listRuns(id, limit) };
  },
  async 'inbox/list'(context, { all }) {
    return inboxRuns(context.automations.store, all);
  },
  async 'inbox/mark'(context, { runId, state }) {
    return { run: context.automations.mark(runId, state) };
  },
  async 'automation/secret'(context, { automationId }) {
    const automation = context.automations.resolve(automationId);
    if (automation.trigger.on !== 'webhook')
      throw new EngineError('invalidInput', `${automation.name} is not a webhook automation, so it has no secret.`);
    return { secret: ensureWebhookSecret(context, automation.id), path: webhookPath(automation.id) };
  },
  async 'automation/webhook'(context, delivery) {
    return receiveWebhook(context, delivery);
  },
};

function definedParts<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Refuses an automation that could not work, saying what to change: a bad cron, branch, variable, agent or name, a
 * repository without a verify command or a GitHub CLI.
 */
async function check(context: EngineContext, automation: Automation): Promise<void> {
  const refuse = (message: string) => {
    throw new EngineError('invalidInput', message);
  };
  const clash = context.automations.store
    .list()
    .find((one) => one.name === automation.name && one.id !== automation.id);
  if (clash)
    refuse(`An automation named "${automation.name}" exists already; choose another name, or change that one.`);
  const { trigger, template } = automation;
  switch (trigger.on) {
    case 'schedule': {
      const problem = cronProblem(trigger.cron, trigger.timezone);
      if (problem) refuse(problem);
      break;
    }
    case 'commit':
      if (!isBranchName(trigger.branch)) refuse(`"${trigger.branch}" is not a branch name git accepts.`);
      break;
    case 'task':
      if (trigger.branch !== null && !isBranchName(trigger.branch))
        refuse(`"${trigger.branch}" is not a branch name git accepts.`);
      break;
    case 'verifyFailed': {
      if (!isBranchName(trigger.branch)) refuse(`"${trigger.branch}" is not a branch name git accepts.`);
      const repo = context.config.requireRepo(automation.repoId).repo;
      if (repo.settings.verifyCommand.trim() === '')
        refuse(
          `${repo.name} has no verify command to run on new tips of ${trigger.branch}. Set one first: in Settings, or ` +
            `\`flotilla repo set ${repo.name} --verify "<command>"\` (\`--suggest-verify\` lists what it suggests).`,
        );
      break;
    }
    case 'webhook':
      break;
    case 'github': {
      const problem = await githubProblem(context.config.requireRepo(automation.repoId).repo.path);
      if (problem) refuse(problem);
      break;
    }
    default: {
      const unknown: never = trigger;
      refuse(`Unknown trigger ${JSON.stringify(unknown)}.`);
    }
  }
  const variables = variableProblem(template.prompt, trigger.on);
  if (variables) refuse(variables);
  for (const agent of template.agents ?? [])
    if (!context.agents.has(agent))
      refuse(`Unknown agent "${agent}". Available: ${[...context.agents.keys()].join(', ')}.`);
}
