import { existsSync } from 'node:fs';
import { QueueStore } from '../queue/queue-store.js';
import { commands, type CommandParams, type CommandResult } from '../../shared/commands.js';
import type { TaskDiff } from '../../shared/diff.js';
import type { Repo } from '../../shared/repo.js';
import type { Task } from '../../shared/task.js';
import { AutomationStore } from '../automations/automation-store.js';
import { inboxRuns } from '../automations/inbox.js';
import type { CommandInput as CommandOutput } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { homePaths, type HomePaths } from '../home.js';
import { loadRepos } from '../store/config-store.js';
import { readEventLog } from '../store/event-log.js';
import { loadTaskIndex, threadLogPath } from '../store/task-index.js';
import { branchExists } from '../git/refs.js';
import { computeMergedDiff, computeTaskDiff } from '../worktree/diff.js';

/** The commands a client can answer from FLOTILLA_HOME's files alone, without an engine. */
export const readCommandNames = [
  'repo/list',
  'task/list',
  'task/get',
  'task/events',
  'task/diff',
  'automation/list',
  'automation/runs',
  'inbox/list',
  'queue/list',
] as const;

/** One of the read-only commands. */
export type ReadCommandName = (typeof readCommandNames)[number];

/** What read-only callers need of an engine: the read commands. A running engine's EngineApi is one too. */
export interface ReadApi {
  call<C extends ReadCommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>>;
}

/**
 * Answers the read commands straight from a home's files (repos.json, the task index and the
 * JSONL thread logs) for a client that finds no engine running. It writes nothing: no home
 * lock, no folders, no index save, no reconcile; git only reads (GIT_OPTIONAL_LOCKS=0), and a
 * worktree snapshot for a diff hashes into a throwaway object folder, never the repository. A
 * worktree deleted behind Flotilla's back stays as it is; the next long-lived engine repairs it.
 */
export function openReadOnlyHome(home: string): ReadApi {
  const paths = homePaths(home);
  return {
    async call<C extends ReadCommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>> {
      const parsed = commands[method].params.safeParse(params ?? {});
      if (!parsed.success)
        throw new EngineError(
          'invalidInput',
          `Invalid ${method} request: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
        );
      return (await answer(paths, method, parsed.data as CommandParams<ReadCommandName>)) as CommandResult<C>;
    },
  };
}

async function answer(
  paths: HomePaths,
  method: ReadCommandName,
  params: CommandParams<ReadCommandName>,
): Promise<CommandResult<ReadCommandName>> {
  switch (method) {
    case 'repo/list':
      return { repos: loadRepos(paths.repos) };
    case 'task/list': {
      const { repoId, status } = params as CommandParams<'task/list'>;
      return {
        tasks: loadTasks(paths).filter(
          (task) => (!repoId || task.repoId === repoId) && (!status || status.includes(task.status)),
        ),
      };
    }
    case 'task/get':
      return { task: requireTask(paths, (params as CommandParams<'task/get'>).taskId) };
    case 'task/events': {
      const { taskId, afterSeq } = params as CommandParams<'task/events'>;
      requireTask(paths, taskId);
      return {
        events: readEventLog(threadLogPath(paths.threads, taskId)).events.filter(
          (event) => afterSeq === undefined || event.seq > afterSeq,
        ),
      };
    }
    case 'task/diff':
      return { diff: await readDiff(paths, requireTask(paths, (params as CommandParams<'task/diff'>).taskId)) };
    case 'automation/list': {
      const { repoId } = params as CommandParams<'automation/list'>;
      const all = new AutomationStore(paths.automations, paths.automationRuns).list();
      return { automations: all.filter((automation) => !repoId || automation.repoId === repoId) };
    }
    case 'automation/runs': {
      const { automationId, limit } = params as CommandOutput<'automation/runs'>;
      const store = new AutomationStore(paths.automations, paths.automationRuns);
      const id = automationId === undefined ? null : store.resolve(automationId).id;
      return { runs: store.listRuns(id, limit) };
    }
    case 'inbox/list':
      return inboxRuns(
        new AutomationStore(paths.automations, paths.automationRuns),
        (params as CommandOutput<'inbox/list'>).all,
      );
    case 'queue/list': {
      const { repoId, base } = params as CommandParams<'queue/list'>;
      return {
        queues: new QueueStore(paths.mergeQueues)
          .list()
          .filter((queue) => (!repoId || queue.repoId === repoId) && (!base || queue.base === base)),
      };
    }
    default: {
      const unknown: never = method;
      throw new EngineError('invalidInput', `Unknown read command "${String(unknown)}".`);
    }
  }
}

function loadTasks(paths: HomePaths): Task[] {
  return loadTaskIndex(paths.taskIndex, paths.threads).tasks.map((entry) => entry.task);
}

function requireTask(paths: HomePaths, taskId: string): Task {
  const task = loadTasks(paths).find((candidate) => candidate.id === taskId);
  if (!task) throw new EngineError('notFound', `No task with id "${taskId}". See \`flotilla list\` for task ids.`);
  return task;
}

function requireRepo(paths: HomePaths, task: Task): Repo {
  const repo = loadRepos(paths.repos).find((candidate) => candidate.id === task.repoId);
  if (!repo)
    throw new EngineError(
      'notFound',
      `Task ${task.id} belongs to a repository that is no longer added (${task.repoId}).`,
    );
  if (!existsSync(repo.path))
    throw new EngineError(
      'folderMissing',
      `The repository folder ${repo.path} no longer exists. Restore it or remove the repository from Flotilla.`,
    );
  return repo;
}

/**
 * The task's diff as the engine would give it; for a worktree deleted behind Flotilla's back, its
 * branch against its base (what was committed or checkpointed), since nothing may be repaired here.
 */
async function readDiff(paths: HomePaths, task: Task): Promise<TaskDiff> {
  if (task.status === 'discarded')
    throw new EngineError(
      'taskDiscarded',
      `Task ${task.id} was discarded. Restore it first (\`flotilla restore ${task.id}\`).`,
    );
  const merged = task.status === 'merged' && !task.hasWorktree;
  if (!merged && task.hasWorktree && existsSync(task.worktreePath))
    return computeTaskDiff({
      worktree: task.worktreePath,
      baseRef: task.baseRef,
      baseCommit: task.baseCommit,
      scratchObjects: true,
    });
  if (!merged && !task.hasWorktree)
    throw new EngineError(
      'noWorktree',
      `Task ${task.id} has no worktree yet (status: ${task.status}). Wait for it to start, or send it a message to retry.`,
    );
  const repo = requireRepo(paths, task);
  if (!merged && !(await branchExists(repo.path, task.branch))) {
    throw new EngineError(
      'noWorktree',
      `Task ${task.id}'s worktree ${task.worktreePath} and its branch ${task.branch} were deleted outside Flotilla, so there is no diff to show.`,
    );
  }
  const merge = merged
    ? readEventLog(threadLogPath(paths.threads, task.id)).events.findLast((event) => event.type === 'merged')
    : undefined;
  const diff = await computeMergedDiff({
    repoPath: repo.path,
    mergedCommit: merge?.type === 'merged' ? merge.commit : merged ? task.mergedCommit : null,
    into: merge?.type === 'merged' ? merge.into : merged ? task.baseBranch : null,
    mode: merge?.type === 'merged' ? merge.mode : null,
    branch: task.branch,
    baseRef: task.baseRef,
    baseCommit: task.baseCommit,
  });
  return merged ? diff : { ...diff, baseRef: task.baseRef, merged: null };
}
