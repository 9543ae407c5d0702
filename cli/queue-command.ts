import type { MergeQueue } from '../shared/merge-queue.js';
import { queueConflictModes } from '../shared/choices.js';
import type { EngineApi } from '../engine/engine-api.js';
import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { eprintln, help, println, UsageError, type CliIo } from './cli-io.js';
import { formatTable } from './format-table.js';
import { ensureBackgroundEngine, resolveRepo, resolveTask, withEngine, withReader } from './session.js';
import { usages } from './usage.js';

const scopeOptions = { repo: { type: 'string' }, base: { type: 'string' } } as const;

/** `flotilla queue [list|add|remove|reorder|pause|resume]`: the merge queues of base branches. */
export async function queueCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  switch (verb) {
    case undefined:
    case 'list':
      return list(rest, io);
    case 'add':
      return add(rest, io);
    case 'remove':
      return remove(rest, io);
    case 'reorder':
      return reorder(rest, io);
    case 'pause':
    case 'resume':
      return pauseOrResume(verb, rest, io);
    default:
      if (verb.startsWith('-')) return list(args, io);
      throw new UsageError(`Unknown queue command "${verb}".`, usages.queue);
  }
}

async function list(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, scopeOptions, usages.queue);
  if (parsed.values.help) return help(io, usages.queue);
  expectPositionals(parsed, [], usages.queue);
  const base = stringOption(parsed, 'base');
  const reference = stringOption(parsed, 'repo');
  const queues = await withReader(io, async (api) => {
    const { repos } = await api.call('repo/list', {});
    const repoId = reference ? repos.find((one) => one.id === reference || one.name === reference)?.id : undefined;
    if (reference && !repoId) throw new UsageError(`No added repository is called "${reference}".`, usages.queue);
    const names = new Map(repos.map((repo) => [repo.id, repo.name]));
    const found = (await api.call('queue/list', { ...(repoId ? { repoId } : {}), ...(base ? { base } : {}) })).queues;
    return found.map((queue) => ({ queue, repoName: names.get(queue.repoId) ?? queue.repoId }));
  });
  if (queues.length === 0) {
    println(io, 'No merge queue yet. `flotilla queue add <task> …` queues finished tasks.');
    return 0;
  }
  for (const { queue, repoName } of queues) printQueue(io, queue, repoName);
  return 0;
}

function printQueue(io: CliIo, queue: MergeQueue, repoName: string): void {
  const how = queue.onConflict === 'agent' ? 'conflicts go to the agent' : 'conflicts wait for you';
  println(io, `${repoName} → ${queue.base}${queue.paused ? ' (paused)' : ''}; ${how}`);
  if (queue.entries.length === 0) return println(io, '  (empty)');
  const rows = queue.entries.map((entry, index) => [
    String(index + 1),
    entry.taskId,
    entry.state,
    entry.title,
    entry.reason ?? (entry.mergedCommit ? `merged as ${entry.mergedCommit.slice(0, 10)}` : ''),
  ]);
  println(io, formatTable(['#', 'TASK', 'STATE', 'TITLE', 'REASON'], rows));
}

async function add(args: string[], io: CliIo): Promise<number> {
  const usage = usages['queue add'];
  const parsed = parseCommandArgs(args, { base: { type: 'string' }, 'on-conflict': { type: 'string' } }, usage);
  if (parsed.values.help) return help(io, usage);
  if (parsed.positionals.length === 0) throw new UsageError('Give the finished tasks to queue.', usage);
  const mode = stringOption(parsed, 'on-conflict');
  const onConflict = queueConflictModes.find((known) => known === mode);
  if (mode !== undefined && !onConflict) throw new UsageError(`--on-conflict is agent or wait, not "${mode}".`, usage);
  const base = stringOption(parsed, 'base');
  const queues = await withEngine(io, async (api) => {
    const taskIds = await taskIdsOf(api, parsed.positionals);
    return (await api.call('queue/add', { taskIds, ...(base ? { base } : {}), ...(onConflict ? { onConflict } : {}) }))
      .queues;
  });
  for (const queue of queues) {
    const waiting = queue.entries.filter((entry) => entry.state === 'queued').length;
    println(io, `Queued on ${queue.base}: ${waiting} waiting${queue.paused ? ' (the queue is paused)' : ''}.`);
  }
  await keepEngineUp(io);
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.queue);
  if (parsed.values.help) return help(io, usages.queue);
  const [reference] = expectPositionals(parsed, ['task'], usages.queue);
  const queue = await withEngine(io, async (api) => {
    const [taskId] = await taskIdsOf(api, [reference!]);
    return (await api.call('queue/remove', { taskId: taskId! })).queue;
  });
  println(io, `Removed from the queue of ${queue.base}.`);
  return 0;
}

async function reorder(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.queue);
  if (parsed.values.help) return help(io, usages.queue);
  const [reference, place] = expectPositionals(parsed, ['task', 'position'], usages.queue);
  const position = Number(place);
  if (!Number.isInteger(position) || position < 1)
    throw new UsageError(`The position is a whole number from 1, not "${place}".`, usages.queue);
  const queue = await withEngine(io, async (api) => {
    const [taskId] = await taskIdsOf(api, [reference!]);
    return (await api.call('queue/reorder', { taskId: taskId!, position: position - 1 })).queue;
  });
  printQueue(io, queue, queue.repoId);
  return 0;
}

async function pauseOrResume(verb: 'pause' | 'resume', args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, scopeOptions, usages.queue);
  if (parsed.values.help) return help(io, usages.queue);
  expectPositionals(parsed, [], usages.queue);
  const base = stringOption(parsed, 'base');
  const reference = stringOption(parsed, 'repo');
  const queues = await withEngine(io, async (api) => {
    const repoId = reference ? (await resolveRepo(api, io, reference, false)).id : undefined;
    const scope = { ...(repoId ? { repoId } : {}), ...(base ? { base } : {}) };
    return (await api.call(verb === 'pause' ? 'queue/pause' : 'queue/resume', scope)).queues;
  });
  if (queues.length === 0) println(io, 'No merge queue matched.');
  for (const queue of queues) println(io, `${verb === 'pause' ? 'Paused' : 'Resumed'} the queue of ${queue.base}.`);
  if (verb === 'resume' && queues.length > 0) await keepEngineUp(io);
  return 0;
}

async function taskIdsOf(api: EngineApi, references: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const reference of references) ids.push((await resolveTask(api, reference)).id);
  return ids;
}

/** Queues are worked only by an engine that stays up: start one in the background unless one runs. */
async function keepEngineUp(io: CliIo): Promise<void> {
  await ensureBackgroundEngine(io, async () => undefined);
  eprintln(
    io,
    'The queue is worked while an engine runs: the desktop app, `flotilla serve`, or the background engine.',
  );
}
