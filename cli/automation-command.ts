import type { Automation, AutomationRun, AutomationTrigger } from '../shared/automation.js';
import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { automationOptions, readLimits, readTemplate, readTrigger } from './automation-options.js';
import { printWebhook, secretCommand } from './automation-webhook.js';
import { eprintln, help, println, UsageError, type CliIo } from './cli-io.js';
import { formatTable } from './format-table.js';
import { ensureBackgroundEngine, resolveRepo, withEngine, withReader } from './session.js';
import { usages } from './usage.js';

type Verb = 'add' | 'list' | 'runs' | 'run' | 'pause' | 'resume' | 'remove' | 'secret';
const verbs: readonly Verb[] = ['add', 'list', 'runs', 'run', 'pause', 'resume', 'remove', 'secret'];

/** `flotilla automation add|list|runs|run|pause|resume|remove|secret`. */
export async function automationCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined)
    throw new UsageError(`Missing the automation command (${verbs.join(', ')}).`, usages.automation);
  if (verb === '--help' || verb === '-h') return help(io, usages.automation);
  const known = verbs.find((one) => one === verb);
  if (!known) throw new UsageError(`Unknown automation command "${verb}".`, usages.automation);
  switch (known) {
    case 'add':
      return add(rest, io);
    case 'list':
      return list(rest, io);
    case 'runs':
      return runs(rest, io);
    case 'run':
      return runNow(rest, io);
    case 'pause':
    case 'resume':
    case 'remove':
      return change(known, rest, io);
    case 'secret':
      return secretCommand(rest, io);
    default: {
      const unknown: never = known;
      throw new UsageError(`Unknown automation command "${String(unknown)}".`, usages.automation);
    }
  }
}

async function add(args: string[], io: CliIo): Promise<number> {
  const usage = usages['automation add'];
  const parsed = parseCommandArgs(args, automationOptions, usage);
  if (parsed.values.help) return help(io, usage);
  expectPositionals(parsed, [], usage);
  const name = stringOption(parsed, 'name');
  if (!name) throw new UsageError('Give the automation a name: --name <name>.', usage);
  const trigger = readTrigger(parsed);
  const template = readTemplate(parsed);
  const limits = readLimits(parsed);
  const { automation, webhook } = await withEngine(io, async (api) => {
    const repo = await resolveRepo(api, io, stringOption(parsed, 'repo') ?? io.cwd ?? process.cwd(), true);
    const created = await api.call('automation/create', {
      repoId: repo.id,
      name,
      trigger,
      template,
      limits,
      paused: parsed.values.paused === true,
    });
    const secret =
      trigger.on === 'webhook' ? await api.call('automation/secret', { automationId: created.automation.id }) : null;
    return { automation: created.automation, webhook: secret };
  });
  println(io, `Added automation ${automation.name} (${automation.id}): ${describeTrigger(automation.trigger)}.`);
  if (automation.nextRunAt) println(io, `Next run: ${automation.nextRunAt}.`);
  await keepEngineUp(io);
  if (webhook) await printWebhook(io, automation, webhook.secret, webhook.path);
  return 0;
}

/** Triggers fire only in an engine that stays up: start one in the background unless one runs. */
async function keepEngineUp(io: CliIo): Promise<void> {
  await ensureBackgroundEngine(io, async () => undefined);
  eprintln(io, 'Automations fire while an engine runs: the desktop app, `flotilla serve`, or the background engine.');
}

async function list(args: string[], io: CliIo): Promise<number> {
  const usage = usages['automation list'];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  expectPositionals(parsed, [], usage);
  const { automations, runs: all } = await withReader(io, async (api) => ({
    ...(await api.call('automation/list', {})),
    ...(await api.call('automation/runs', { limit: 1000 })),
  }));
  if (automations.length === 0) {
    println(io, 'No automations yet. Add one with `flotilla automation add` (see --help).');
    return 0;
  }
  const rows = automations.map((automation) => {
    const mine = all.filter((run) => run.automationId === automation.id);
    const last = mine[0];
    return [
      automation.name,
      automation.paused ? 'paused' : automation.problem ? 'on, stuck' : 'on',
      describeTrigger(automation.trigger),
      automation.nextRunAt ?? '-',
      last ? `${last.firedAt} ${last.state}` : '-',
    ];
  });
  println(io, formatTable(['NAME', 'STATE', 'TRIGGER', 'NEXT RUN', 'LAST RUN'], rows));
  for (const automation of automations)
    if (automation.problem) println(io, `${automation.name}: ${automation.problem}`);
  return 0;
}

async function runs(args: string[], io: CliIo): Promise<number> {
  const usage = usages['automation runs'];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  const [name] = expectPositionals(parsed, ['name'], usage);
  const found = await withReader(io, (api) => api.call('automation/runs', { automationId: name!, limit: 50 }));
  if (found.runs.length === 0) println(io, `${name} has not run yet.`);
  else println(io, formatTable(['WHEN', 'STATE', 'TASKS', 'WHY'], found.runs.map(runRow)));
  return 0;
}

function runRow(run: AutomationRun): string[] {
  const why = run.detail && run.state !== 'started' ? `${run.reason}. ${run.detail}` : run.reason;
  return [run.firedAt, run.late ? `${run.state} (late)` : run.state, run.taskIds.join(',') || '-', why];
}

async function runNow(args: string[], io: CliIo): Promise<number> {
  const usage = usages['automation run'];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  const [name] = expectPositionals(parsed, ['name'], usage);
  // Its task runs in an engine that stays up, as `flotilla run` without --wait does.
  await ensureBackgroundEngine(io, (api) => api.call('automation/runs', { automationId: name!, limit: 1 }));
  const { run } = await withEngine(io, (api) => api.call('automation/run', { automationId: name! }));
  switch (run.state) {
    case 'started':
      println(io, `Started ${run.taskIds.join(', ')}. Follow with \`flotilla show ${run.taskIds[0] ?? ''}\`.`);
      return 0;
    case 'queued':
      println(io, `Queued: ${run.detail ?? 'it starts when a run ends.'}`);
      return 0;
    case 'skipped':
    case 'failed':
      eprintln(io, `error: ${run.detail ?? `The run was ${run.state}.`}`);
      return 1;
    default: {
      const unknown: never = run.state;
      throw new Error(`Unknown run state ${String(unknown)}`);
    }
  }
}

async function change(verb: 'pause' | 'resume' | 'remove', args: string[], io: CliIo): Promise<number> {
  const usage = usages[`automation ${verb}`];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  const [name] = expectPositionals(parsed, ['name'], usage);
  const automationId = name!;
  const done = await withEngine(io, async (api): Promise<Automation | null> => {
    if (verb === 'remove') {
      await api.call('automation/remove', { automationId });
      return null;
    }
    return (await api.call(verb === 'pause' ? 'automation/pause' : 'automation/resume', { automationId })).automation;
  });
  if (done === null) println(io, `Removed ${automationId}. The tasks its runs started are kept.`);
  else if (done.paused)
    println(io, `Paused ${done.name}; \`flotilla automation resume ${done.name}\` turns it back on.`);
  else println(io, `Resumed ${done.name}${done.nextRunAt ? `; next run ${done.nextRunAt}` : ''}.`);
  return 0;
}

/** A trigger in words: "schedule 0 7 * * 1-5 (Europe/Oslo)", "each new tip of main". */
export function describeTrigger(trigger: AutomationTrigger): string {
  switch (trigger.on) {
    case 'schedule':
      return `schedule ${trigger.cron}${trigger.timezone ? ` (${trigger.timezone})` : ''}`;
    case 'commit':
      return `${trigger.per === 'tip' ? 'each new tip' : 'each new commit'} of ${trigger.branch}`;
    case 'verifyFailed':
      return `verify fails on a new tip of ${trigger.branch}`;
    case 'webhook':
      return 'a signed webhook';
    case 'github': {
      const kinds = trigger.kinds.map((kind) => (kind === 'issues' ? 'issues' : 'pull requests')).join(' and ');
      return `new GitHub ${kinds}, every ${describeInterval(trigger.intervalSeconds)}`;
    }
    case 'task': {
      const what = { finished: 'finishes', merged: 'is merged', failedVerification: 'fails verification' }[
        trigger.when
      ];
      return `a task ${what}${trigger.branch ? ` (${trigger.branch})` : ''}`;
    }
    default: {
      const unknown: never = trigger;
      return `unknown trigger ${JSON.stringify(unknown)}`;
    }
  }
}

/** Seconds in the unit that says them shortest: "90s", "5m", "2h". */
export function describeInterval(seconds: number): string {
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
