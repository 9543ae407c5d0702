import type { Repo } from '../shared/repo.js';
import type { Task, TaskStatus } from '../shared/task.js';
import { approvalModes } from '../shared/task-state.js';
import { maxVerifyRetries, verifyLabel, verifyState } from '../shared/verify-state.js';
import { maxTasksPerPrompt } from '../shared/limits.js';
import type { EngineApi } from '../engine/engine-api.js';
import { EngineError } from '../engine/errors.js';
import type { OpenedEngine } from '../engine/host/open-engine.js';
import type { RemoteEngine } from '../engine/host/ws-client.js';
import type { EngineServer } from '../engine/host/ws-server.js';
import { integerOption, parseCommandArgs, stringOption, type ParsedArgs } from './args.js';
import { budgetOptions, readBudgetOptions } from './budget-command.js';
import { eprintln, help, interruption, println, UsageError, type CliIo } from './cli-io.js';
import { cliHome, ensureBackgroundEngine, openCliEngine, resolveRepo, shareEngine } from './session.js';
import { usages } from './usage.js';
import { exitCodeFor, TaskFollower } from './wait-task.js';

const options = {
  repo: { type: 'string' },
  base: { type: 'string' },
  agent: { type: 'string' },
  model: { type: 'string' },
  attempts: { type: 'string' },
  approval: { type: 'string' },
  'allow-network': { type: 'boolean' },
  verify: { type: 'string' },
  retries: { type: 'string' },
  judge: { type: 'boolean' },
  synthesize: { type: 'boolean' },
  team: { type: 'boolean' },
  ...budgetOptions,
  wait: { type: 'boolean' },
} as const;

/** `flotilla run`: starts a task, then follows it (`--wait`) or leaves it to the background engine. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, options, usages.run);
  if (parsed.values.help) return help(io, usages.run);
  const prompt = parsed.positionals.join(' ');
  if (prompt.trim() === '') throw new UsageError('Missing the prompt: say what the agent should do.', usages.run);
  taskOptions(parsed);
  return parsed.values.wait ? runAndWait(parsed, prompt, io) : runInBackground(parsed, prompt, io);
}

/** `--agent a` runs one agent; `--agent a,b` runs the prompt with each, as siblings to compare. */
function agentOption(text: string | undefined): { agent?: string; agents?: string[] } {
  if (text === undefined) return {};
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new UsageError(
      '--agent needs an agent id (see the Settings page or `agent/list`), or several separated by commas.',
      usages.run,
    );
  return ids.length === 1 ? { agent: ids[0] } : { agents: ids };
}

/** The task settings given as options, checked before any engine is started. */
function taskOptions(parsed: ParsedArgs) {
  const attemptsText = stringOption(parsed, 'attempts');
  const attempts = attemptsText === undefined ? undefined : Number(attemptsText);
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1 && attempts <= maxTasksPerPrompt)) {
    throw new UsageError(
      `--attempts takes a whole number from 1 to ${maxTasksPerPrompt}, not "${attemptsText}".`,
      usages.run,
    );
  }
  const approval = stringOption(parsed, 'approval');
  const approvalMode = approvalModes.find((mode) => mode === approval);
  if (approval !== undefined && approvalMode === undefined) {
    throw new UsageError(`--approval is "auto" or "ask", not "${approval}".`, usages.run);
  }
  const budget = readBudgetOptions(parsed, usages.run);
  const agents = agentOption(stringOption(parsed, 'agent'));
  const judge = parsed.values.judge === true;
  const synthesize = parsed.values.synthesize === true;
  const count = (agents.agents?.length ?? 1) * (attempts ?? 1);
  if ((judge || synthesize) && count < 2)
    throw new UsageError(
      `--${synthesize ? 'synthesize' : 'judge'} compares several attempts of the prompt, and this would start one task. Add --attempts N (2 or more) or give several agents (--agent builtin,claude-code), or leave --${synthesize ? 'synthesize' : 'judge'} out.`,
      usages.run,
    );
  const team = parsed.values.team === true;
  if (team && count > 1)
    throw new UsageError(
      '--team makes one task the lead of a team, and this would start several. Leave out --attempts or the extra agents.',
      usages.run,
    );
  return {
    base: stringOption(parsed, 'base'),
    ...agents,
    model: stringOption(parsed, 'model'),
    attempts,
    approvalMode,
    allowNetwork: parsed.values['allow-network'] === true ? true : undefined,
    costBudgetUsd: budget.costBudgetUsd,
    tokenBudget: budget.tokenBudget ?? undefined,
    ...verifyOptions(parsed),
    ...(judge ? { judge } : {}),
    ...(synthesize ? { synthesize } : {}),
    ...(team ? { team } : {}),
  };
}

/** `--verify "<cmd>"` (none: no checks for this task) and `--retries N`, overriding the repository's. */
function verifyOptions(parsed: ParsedArgs): { verifyCommand?: string; verifyRetries?: number } {
  const verify = stringOption(parsed, 'verify');
  if (verify !== undefined && verify.trim() === '')
    throw new UsageError('--verify needs a command, such as "npm test", or none to run no checks.', usages.run);
  const verifyRetries = integerOption(parsed, 'retries', { min: 0, max: maxVerifyRetries }, usages.run);
  return {
    ...(verify === undefined ? {} : { verifyCommand: verify.trim().toLowerCase() === 'none' ? '' : verify.trim() }),
    ...(verifyRetries === undefined ? {} : { verifyRetries }),
  };
}

/** The repository `--repo` names (default: the current folder), added when it is not yet. */
function repoOf(api: EngineApi, parsed: ParsedArgs, io: CliIo) {
  return resolveRepo(api, io, stringOption(parsed, 'repo') ?? io.cwd ?? process.cwd(), true);
}

async function createTask(
  api: EngineApi,
  parsed: ParsedArgs,
  prompt: string,
  io: CliIo,
): Promise<{ repo: Repo; tasks: Task[] }> {
  const repo = await repoOf(api, parsed, io);
  const { tasks } = await api.call('task/create', { repoId: repo.id, prompt, ...taskOptions(parsed) });
  return { repo, tasks };
}

async function runAndWait(parsed: ParsedArgs, prompt: string, io: CliIo): Promise<number> {
  const home = cliHome(io);
  // This engine closes when the task ends, so other queued tasks wait for a long-lived one.
  const opened = await openCliEngine(io, { resumeQueued: false });
  const follower = new TaskFollower(opened.api);
  const stop = interruption(io);
  let shared: EngineServer | null = null;
  try {
    // While this CLI runs the engine, other `flotilla` commands (list, show, stop) can join it.
    if (opened.kind === 'local') shared = await shareEngine(home, opened.api);
    const { repo, tasks } = await createTask(opened.api, parsed, prompt, io);
    const [task, ...siblings] = tasks;
    if (!task) throw new EngineError('internal', 'The engine created no task.');
    if (siblings.length > 0)
      eprintln(
        io,
        `Also started ${siblings.map((sibling) => sibling.id).join(', ')} (same prompt); see them with \`flotilla list\`.`,
      );
    eprintln(io, `Task ${task.id} on branch ${task.branch}. Following it; Ctrl-C stops following.`);
    // What later configuration changes are compared with, to tell only those that touch this task.
    const baseline = {
      concurrency: (await opened.api.call('settings/get', {})).settings.concurrency,
      repoSettings: repo.settings,
    };
    const outcome = await follower.follow(
      io,
      task,
      baseline,
      stop.promise,
      (opened.api as Partial<RemoteEngine>).closed,
    );
    if (outcome.kind === 'ended') {
      const { task: ended } = await opened.api.call('task/get', { taskId: task.id });
      eprintln(io, endedMessage(ended, outcome.status));
      // Done but failed verification is not a success for a script waiting on it.
      return verifyState(ended) === 'failed' ? 1 : exitCodeFor(outcome.status);
    }
    if (outcome.kind === 'lost') {
      eprintln(
        io,
        `error: Lost the connection to the Flotilla engine while following task ${task.id}. See \`flotilla show ${task.id}\` once it runs again.`,
      );
      return 1;
    }
    eprintln(io, detachedMessage(opened, task.id, outcome.why));
    return 130;
  } finally {
    stop.dispose();
    follower.dispose();
    await shared?.close();
    await opened.api.close();
  }
}

/** The last line of `run --wait`: how the task ended, why when its group's budget stopped it, and what to do next. */
function endedMessage(task: Task, status: TaskStatus): string {
  if (status === 'done' && verifyState(task) === 'failed')
    return `Task ${task.id} done, failed verification. \`flotilla show ${task.id}\` shows what failed; \`flotilla send ${task.id} "<what to fix>"\` asks the agent to fix it, and \`flotilla verify ${task.id}\` runs the checks again.`;
  if (status === 'done' && task.groupId !== null)
    return `Task ${task.id} done${verifySuffix(task)}. \`flotilla compare ${task.id}\` compares it with the other attempts once they finish; \`flotilla pick <task>\` merges one.`;
  if (status === 'done')
    return `Task ${task.id} done${verifySuffix(task)}. Review it with \`flotilla diff ${task.id}\`, then \`flotilla merge ${task.id}\`.`;
  if (status === 'stopped' && task.groupStoppedBy) return `Task ${task.id} stopped. ${task.groupStoppedBy}`;
  return `Task ${task.id} ${status}${verifySuffix(task)}.`;
}

/** ", verified" or ", failed verification" once the task's checks have run; nothing before. */
function verifySuffix(task: Task): string {
  const state = verifyState(task);
  return state === 'passed' || state === 'failed' ? `, ${verifyLabel(state).toLowerCase()}` : '';
}

function detachedMessage(opened: OpenedEngine, taskId: string, why: string): string {
  if (opened.kind === 'remote')
    return `Stopped following (${why}). The task keeps running in the engine; see \`flotilla show ${taskId}\`.`;
  return `Stopped (${why}). This CLI was running the engine, so task ${taskId} stops with it; \`flotilla send ${taskId} "…"\` continues it.`;
}

async function runInBackground(parsed: ParsedArgs, prompt: string, io: CliIo): Promise<number> {
  await ensureBackgroundEngine(io, (api) => repoOf(api, parsed, io));
  const opened = await openCliEngine(io);
  try {
    if (opened.kind === 'local') {
      throw new EngineError(
        'engineUnavailable',
        'The background Flotilla engine stopped right after starting. See its log in FLOTILLA_HOME/logs/engine.log.',
      );
    }
    const { tasks } = await createTask(opened.api, parsed, prompt, io);
    for (const task of tasks) println(io, task.id);
    const first = tasks[0]?.id ?? '<task>';
    eprintln(
      io,
      `Started in the background engine. Follow with \`flotilla show ${first}\`; review with \`flotilla diff ${first}\`.`,
    );
    return 0;
  } finally {
    await opened.api.close();
  }
}
