import type { ChangeCount, Task, TaskStatus } from '../shared/task.js';
import {
  changedNothing,
  describeChanges,
  isDoneWithoutChanges,
  taskStatuses,
  workingMs,
} from '../shared/task-state.js';
import { describeOverlap, overlapLabel } from '../shared/overlap-words.js';
import { otherAttemptMerged, otherAttemptMergedText } from '../shared/sibling-attempts.js';
import type { PullRequest } from '../shared/pull-request.js';
import { describeChecks, describePullRequestState } from '../shared/pull-request-words.js';
import type { Repo } from '../shared/repo.js';
import type { EngineApi } from '../engine/engine-api.js';
import { EngineError } from '../engine/errors.js';
import { describeBudget } from './budget-command.js';
import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { EventPrinter, formatCost, formatDuration } from './format-event.js';
import { formatTable } from './format-table.js';
import { ensureBackgroundEngine, requireAddedRepo, resolveTask, withEngine, withReader } from './session.js';
import { usages } from './usage.js';
import { groupLine, verifyColumn, verifyLine } from './verify-words.js';
import { inTeamOf, nestTeams, teamLine } from './team-order.js';

/** `flotilla list`: a table of tasks, optionally filtered by repository and status. */
export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { repo: { type: 'string' }, status: { type: 'string' } }, usages.list);
  if (parsed.values.help) return help(io, usages.list);
  expectPositionals(parsed, [], usages.list);
  const status = parseStatuses(stringOption(parsed, 'status'));
  const repoReference = stringOption(parsed, 'repo');
  const { tasks, repos } = await withReader(io, async (api) => {
    const repoId = repoReference === undefined ? undefined : (await requireAddedRepo(api, io, repoReference)).id;
    // Both asked at once: one round trip to the engine instead of two.
    const [listed, added] = await Promise.all([api.call('task/list', { repoId, status }), api.call('repo/list', {})]);
    return { tasks: listed.tasks, repos: added.repos };
  });
  if (tasks.length === 0) {
    println(io, 'No tasks. Start one with `flotilla run --repo <path> "<prompt>"`.');
    return 0;
  }
  const rows = nestTeams(tasks).map(({ task, id }) => [
    id,
    statusWords(task),
    verifyColumn(
      task,
      repos.find((repo) => repo.id === task.repoId),
    ),
    task.branch,
    formatChanges(task.changes),
    overlapLabel(task.overlaps) || '-',
    formatCost(task.usage.costUsd),
    task.title,
  ]);
  println(io, formatTable(['ID', 'STATUS', 'VERIFY', 'BRANCH', 'CHANGES', 'OVERLAP', 'COST', 'TITLE'], rows));
  return 0;
}

function parseStatuses(text: string | undefined): TaskStatus[] | undefined {
  if (text === undefined) return undefined;
  const wanted = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = wanted.filter((status) => !(taskStatuses as readonly string[]).includes(status));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new UsageError(
      `Unknown status "${unknown.join(', ') || text}". Statuses: ${taskStatuses.join(', ')}.`,
      usages.list,
    );
  }
  return wanted as TaskStatus[];
}

/** `flotilla show <task>`: the task's details, then its thread as text. */
export async function showCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.show);
  if (parsed.values.help) return help(io, usages.show);
  const [reference] = expectPositionals(parsed, ['task'], usages.show);
  const { task, events, repo, members } = await withReader(io, async (api) => {
    const found = await resolveTask(api, reference!);
    const { repos } = await api.call('repo/list', {});
    const { tasks } =
      found.groupId === null && found.team === null
        ? { tasks: [] }
        : await api.call('task/list', { repoId: found.repoId });
    return {
      task: found,
      events: (await api.call('task/events', { taskId: found.id })).events,
      repo: repos.find((candidate) => candidate.id === found.repoId),
      members: tasks.filter(
        (candidate) => (found.groupId !== null && candidate.groupId === found.groupId) || inTeamOf(found, candidate),
      ),
    };
  });
  println(io, describeTask(task, repo, members));
  println(io);
  const printer = new EventPrinter();
  for (const event of events) io.stdout.write(printer.push(event));
  io.stdout.write(printer.flush());
  return 0;
}

function describeTask(task: Task, repo: Repo | undefined, members: readonly Task[]): string {
  const group = groupLine(
    task,
    members.filter((member) => task.groupId !== null && member.groupId === task.groupId),
  );
  const rows = [
    ['Task', `${task.id}  ${task.title}`],
    [
      'Status',
      (isDoneWithoutChanges(task) ? `${statusWords(task)}: nothing to review or merge` : statusWords(task)) +
        (task.lastError ? ` (${task.lastError})` : ''),
    ],
    ...(otherAttemptMerged(task)
      ? [['', `${otherAttemptMergedText(task)} \`flotilla discard ${task.id}\` archives it (restorable).`]]
      : []),
    ['Branch', `${task.branch} from ${task.baseRef} (${task.baseCommit.slice(0, 10)})`],
    [
      'Worktree',
      task.hasWorktree
        ? task.worktreePath
        : task.mergedCommit
          ? '(removed after the merge; the branch keeps the work)'
          : '(none)',
    ],
    [
      'Changes',
      task.changes ? (changedNothing(task) ? 'none against the base' : describeChanges(task.changes)) : '(none yet)',
    ],
    ...task.overlaps.map((overlap) => ['Overlap', describeOverlap(overlap)]),
    ['Verify', verifyLine(task, repo)],
    ...(task.pullRequest ? [['Pull request', pullRequestLine(task.pullRequest)]] : []),
    ...(group ? [['Group', group]] : []),
    ...(task.team ? [['Team', teamLine(task, members)]] : []),
    ['Agent', task.model ? `${task.agent}, model ${task.model}` : task.agent],
    ['Turns', `${task.turns}, cost ${formatCost(task.usage.costUsd)}`],
    [
      'Worked',
      task.turns === 0
        ? '(not started)'
        : `${formatDuration(workingMs(task, Date.now()))}${task.turnStartedAt === null ? '' : ', a turn is running'}`,
    ],
    ['Budget', describeBudget(task)],
    ['Created', task.createdAt],
  ];
  if (task.mergedCommit) rows.push(['Merged', task.mergedCommit]);
  if (task.archiveRef) rows.push(['Archive', task.archiveRef]);
  return formatTable(['', ''], rows).split('\n').slice(1).join('\n');
}

/** A recorded pull request in one line: "#12 open, checks: 2 passed: https://…". */
function pullRequestLine(pullRequest: PullRequest): string {
  const { number, url, checks } = pullRequest;
  return `#${number} ${describePullRequestState(pullRequest)}, checks: ${describeChecks(checks)}: ${url}`;
}

/** The one-task commands that just change a task's state: stop, discard, restore. */
const simpleActions = {
  stop: { method: 'task/stop', done: 'Stopped' },
  discard: { method: 'task/discard', done: 'Discarded' },
  restore: { method: 'task/restore', done: 'Restored' },
} as const;

/** `flotilla stop|discard|restore <task>`. */
export async function taskActionCommand(
  action: keyof typeof simpleActions,
  args: string[],
  io: CliIo,
): Promise<number> {
  const usage = usages[action];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  const [reference] = expectPositionals(parsed, ['task'], usage);
  const task = await withEngine(io, async (api) => {
    const found = await resolveTask(api, reference!);
    return (await api.call(simpleActions[action].method, { taskId: found.id })).task;
  });
  println(io, `${simpleActions[action].done} task ${task.id} (${task.status}).`);
  if (action === 'discard' && task.archiveRef)
    println(io, `Its work is archived at ${task.archiveRef}; \`flotilla restore ${task.id}\` brings it back.`);
  if (action === 'restore' && task.hasWorktree) println(io, `Worktree: ${task.worktreePath}`);
  return 0;
}

/** `flotilla send <task> "<text>"`: a follow-up message for the task's agent. */
export async function sendCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.send);
  if (parsed.values.help) return help(io, usages.send);
  const [reference, ...words] = parsed.positionals;
  const text = words.join(' ');
  if (!reference || text.trim() === '')
    throw new UsageError(reference ? 'Missing the message text.' : 'Missing <task>.', usages.send);
  // The agent answers in a long-lived engine: one that only lived for this command would stop it at once.
  await ensureBackgroundEngine(io, (api) => resolveTask(api, reference));
  const task = await withEngine(io, async (api) => {
    const found = await resolveTask(api, reference);
    return (await api.call('task/send', { taskId: found.id, text })).task;
  });
  println(io, `Sent to task ${task.id} (${task.status}). Follow with \`flotilla show ${task.id}\`.`);
  return 0;
}

/** `flotilla approve|deny <task> [<request>]`: answers an agent's pending approval request. */
export async function answerCommand(decision: 'approve' | 'deny', args: string[], io: CliIo): Promise<number> {
  const usage = usages[decision];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  const [reference, requested] = parsed.positionals;
  if (!reference || parsed.positionals.length > 2)
    throw new UsageError(reference ? 'Too many arguments.' : 'Missing <task>.', usage);
  const answered = await withEngine(io, async (api) => {
    const task = await resolveTask(api, reference);
    const requestId = requested ?? (await pendingRequests(api, task.id))[0];
    if (!requestId)
      throw new EngineError('notFound', `Task ${task.id} is not waiting for an approval (status: ${task.status}).`);
    await api.call('task/approve', { taskId: task.id, requestId, decision });
    return { task, requestId };
  });
  println(io, `${decision === 'approve' ? 'Approved' : 'Denied'} ${answered.requestId} of task ${answered.task.id}.`);
  return 0;
}

/** Approval requests of a task that have no answer yet, oldest first. */
async function pendingRequests(api: EngineApi, taskId: string): Promise<string[]> {
  const { events } = await api.call('task/events', { taskId });
  const answered = new Set(events.flatMap((event) => (event.type === 'approval.resolved' ? [event.requestId] : [])));
  return events.flatMap((event) =>
    event.type === 'approval.requested' && !answered.has(event.requestId) ? [event.requestId] : [],
  );
}

/** A change count for a table cell: "+12 -3 (2 files)", or "-" before the first checkpoint. */
/** A task's status for the list: a done task that changed nothing says so. */
function statusWords(task: Task): string {
  if (task.archived) return `${statusWords({ ...task, archived: false })}, archived`;
  if (otherAttemptMerged(task)) return `${task.status} (other attempt merged)`;
  return isDoneWithoutChanges(task) ? `${task.status} (no changes)` : task.status;
}

function formatChanges(changes: ChangeCount | null): string {
  if (!changes) return '-';
  if (changes.files === 0) return 'none';
  return `+${changes.additions} -${changes.deletions} (${changes.files} ${changes.files === 1 ? 'file' : 'files'})`;
}
