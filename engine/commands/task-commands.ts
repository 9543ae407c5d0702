import { randomBytes } from 'node:crypto';
import { maxTasksPerPrompt } from '../../shared/limits.js';
import { budgetReached } from '../../shared/budget.js';
import { newTask } from '../../shared/new-task.js';
import { isActive, type Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { assertValidBranchName, branchExists, resolveBase } from '../repos/branches.js';
import { readEventLog } from '../store/event-log.js';
import { threadLogPath } from '../store/task-index.js';
import { worktreePathFor } from '../tasks/run-job.js';
import { newTaskId, repoFolderName, taskBranch, taskTitle } from '../tasks/task-names.js';
import { TaskRecord } from '../tasks/task-record.js';
import type { Handlers } from './handler.js';
import { assertFolder, requireRepo } from './repo-commands.js';

/** Finds a task by id, or a clear error. */
export function requireTask(context: EngineContext, taskId: string): TaskRecord {
  const record = context.tasks.get(taskId);
  if (!record) throw new EngineError('notFound', `No task with id "${taskId}". See \`flotilla list\` for task ids.`);
  return record;
}

/** Refuses, before any worktree exists, an agent that is unknown or cannot run: a task that can only fail helps nobody. */
async function requireRunnableAgent(context: EngineContext, agentId: string): Promise<void> {
  const agent = context.agents.get(agentId);
  if (!agent) throw new EngineError('invalidInput', `Unknown agent "${agentId}". Available: ${[...context.agents.keys()].join(', ')}.`);
  const availability = await agent.detect();
  if (!availability.available) {
    throw new EngineError('agentUnavailable', `${agent.name} cannot run yet: ${availability.detail} Or choose another agent (flotilla run --agent <id>; see agent/list).`);
  }
}

/**
 * Gives the task's agent a message: recorded in the thread and run as the next turn. Refused, with
 * what to do, for a discarded task or one at its budget; the message is then not recorded.
 */
export function sendToAgent(context: EngineContext, record: TaskRecord, text: string): void {
  const taskId = record.task.id;
  if (record.task.status === 'discarded') {
    throw new EngineError('taskDiscarded', 'This task was discarded. Restore it first (`flotilla restore`), then send your message.');
  }
  const reached = budgetReached(record.task);
  if (reached !== null) {
    throw new EngineError(
      'budgetReached',
      `This task has reached ${reached}. Raise or remove its budget (“Raise…” by the budget in the thread's header, or \`flotilla budget ${taskId} --usd <n>|none\`), then send your message again.`,
    );
  }
  const { seq } = context.record(taskId, { type: 'user.message', text });
  record.pending.push({ seq, text });
  context.schedule(taskId);
}

/** Task lifecycle commands: create, list, get, events, send, stop, approve, set budget. */
export const taskCommands: Handlers<'task/create' | 'task/list' | 'task/get' | 'task/events' | 'task/send' | 'task/stop' | 'task/approve' | 'task/setBudget'> = {
  async 'task/create'(context, params) {
    const entry = requireRepo(context, params.repoId);
    assertFolder(entry);
    const agentIds = [...new Set(params.agents ?? [params.agent ?? context.settings.defaultAgent])];
    for (const agentId of agentIds) await requireRunnableAgent(context, agentId);
    const base = await resolveBase(entry.repo.path, params.base ?? 'HEAD');
    const baseRef = params.base ?? base.branch;
    if (!baseRef) throw new EngineError('baseNotFound', `${entry.repo.path} has a detached HEAD. Give a base branch, tag or commit.`);
    const attempts = params.attempts ?? 1;
    const runs = agentIds.flatMap((agentId) => Array.from({ length: attempts }, () => agentId));
    if (runs.length > maxTasksPerPrompt) throw new EngineError('invalidInput', `That is ${runs.length} tasks at once (agents × attempts); start at most ${maxTasksPerPrompt} from one prompt.`);
    if (params.branch && runs.length > 1) throw new EngineError('invalidInput', 'A custom branch name works for one task only; leave it out to get one branch per attempt.');
    const groupId = runs.length > 1 ? randomBytes(4).toString('hex') : null;
    const tasks: Task[] = [];
    for (const agentId of runs) {
      const id = newTaskId();
      const custom = params.branch?.trim();
      // Generated names are valid and unique by construction; `worktree add -b` still refuses a clash.
      const branch = custom || taskBranch(params.prompt, id);
      if (custom) {
        await assertValidBranchName(entry.repo.path, custom);
        if (await branchExists(entry.repo.path, custom)) {
          throw new EngineError('branchExists', `The branch ${custom} already exists in ${entry.repo.name}. Choose another branch name, or delete that branch first.`);
        }
      }
      const now = new Date().toISOString();
      const task = newTask({
        id,
        repoId: entry.repo.id,
        title: taskTitle(params.prompt),
        prompt: params.prompt,
        agent: agentId,
        model: params.model ?? (agentId === 'builtin' ? context.settings.defaultModel : null),
        baseRef,
        baseBranch: base.branch,
        baseCommit: base.commit,
        branch,
        worktreePath: worktreePathFor(context.worktreesRoot, repoFolderName(entry.repo.name, entry.repo.id), id),
        createdAt: now,
        groupId,
        approvalMode: params.approvalMode ?? context.settings.defaultApprovalMode,
        allowNetwork: params.allowNetwork ?? false,
        maxModelCalls: params.maxModelCalls ?? 50,
        tokenBudget: params.tokenBudget ?? null,
        costBudgetUsd: params.costBudgetUsd === undefined ? context.settings.defaultCostBudgetUsd : params.costBudgetUsd,
      });
      const record = new TaskRecord(task, 0, threadLogPath(context.paths.threads, id), 0);
      context.tasks.set(id, record);
      context.record(id, { type: 'task.created', task });
      const { seq } = context.record(id, { type: 'user.message', text: params.prompt });
      record.pending.push({ seq, text: params.prompt });
      context.schedule(id);
      tasks.push(record.task);
    }
    return { tasks };
  },
  async 'task/list'(context, { repoId, status }) {
    const tasks = [...context.tasks.values()]
      .map((record) => record.task)
      .filter((task) => (!repoId || task.repoId === repoId) && (!status || status.includes(task.status)));
    return { tasks };
  },
  async 'task/get'(context, { taskId }) {
    return { task: requireTask(context, taskId).task };
  },
  async 'task/events'(context, { taskId, afterSeq }) {
    const record = requireTask(context, taskId);
    const events = readEventLog(record.log.path).events.filter((event) => afterSeq === undefined || event.seq > afterSeq);
    return { events };
  },
  async 'task/send'(context, { taskId, text }) {
    const record = requireTask(context, taskId);
    sendToAgent(context, record, text);
    return { task: record.task };
  },
  async 'task/setBudget'(context, { taskId, tokenBudget, costBudgetUsd }) {
    const record = requireTask(context, taskId);
    if (record.task.tokenBudget !== tokenBudget || record.task.costBudgetUsd !== costBudgetUsd) {
      context.record(taskId, { type: 'budget.changed', tokenBudget, costBudgetUsd });
    }
    return { task: record.task };
  },
  async 'task/approve'(context, { taskId, requestId, decision }) {
    const record = requireTask(context, taskId);
    context.approvals.resolve(taskId, requestId, decision);
    return { task: record.task };
  },
  async 'task/stop'(context, { taskId }) {
    const record = requireTask(context, taskId);
    if (isActive(record.task.status) || record.controller) await context.stop(taskId);
    return { task: record.task };
  },
};
