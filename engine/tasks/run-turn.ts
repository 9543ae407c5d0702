import { budgetReached, budgetStopMessage } from '../../shared/budget.js';
import type { ChangeCount, TaskStatus } from '../../shared/task.js';
import type { TurnOutcome } from '../agents/agent.js';
import type { EngineContext } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { readHead } from '../git/head-file.js';
import { headCommit } from '../git/refs.js';
import { readEventLog } from '../store/event-log.js';
import { countChanges, sameCount } from '../worktree/change-count.js';
import { checkpoint } from '../worktree/checkpoint.js';
import { BudgetGuard } from './budget-guard.js';
import { LiveChangeCount } from './live-change-count.js';
import type { TaskRecord } from './task-record.js';

/** A turn that may not start because the task is already at a budget. */
class BudgetStop extends Error {}

/** How a turn ended: the status the task gets once it is settled (verify may run first), and whether the tip moved. */
export interface TurnEnd {
  status: TaskStatus;
  message: string | null;
  /** True when the task branch's tip moved during the turn (the agent changed files or committed). */
  moved: boolean;
}

/**
 * Runs one agent turn for a task and always finishes it properly: the turn ends with a reason and
 * the worktree's changes are checkpointed on the task branch. The task stays running: the caller
 * sets the status the returned end names (after verifying, when the tip moved).
 */
export async function runTurn(
  context: EngineContext,
  record: TaskRecord,
  prompt: string,
  signal: AbortSignal,
): Promise<TurnEnd> {
  const taskId = record.task.id;
  const turn = record.task.turns + 1;
  const tipBefore = await tipOf(record);
  context.store.setStatus(taskId, 'running');
  context.store.record(taskId, { type: 'turn.started', turn });
  let outcome: TurnOutcome | { reason: 'stopped'; message?: string };
  const agent = context.agents.get(record.task.agent);
  const guard = new BudgetGuard(record, signal);
  const liveCount = new LiveChangeCount(context, record);
  const overBudget = budgetReached(record.task);
  try {
    if (!agent)
      throw new Error(`The agent "${record.task.agent}" is not available. Pick another agent for a new task.`);
    if (overBudget !== null) throw new BudgetStop(budgetStopMessage(overBudget));
    outcome = await agent.runTurn({
      taskId,
      cwd: record.task.worktreePath,
      prompt,
      turn,
      model: record.task.model,
      history: readEventLog(record.log.path).events,
      signal: guard.signal,
      emit: (event) => {
        const stamped = context.store.record(taskId, event);
        guard.observe(stamped);
        liveCount.observe(stamped);
        return stamped;
      },
      policy: {
        approvalMode: record.task.approvalMode,
        allowNetwork: record.task.allowNetwork,
        maxModelCalls: record.task.maxModelCalls,
      },
      requestApproval: (request) => context.approvals.request(taskId, request, guard.signal),
      teamTools: context.teamTools(record.task),
      mcpServers: await context.mcpServers(record.task),
      ...(record.task.team ? { messageWaiting: () => context.runner.waitingCount(taskId) > 0 } : {}),
    });
    if (signal.aborted) outcome = { reason: 'stopped' };
    else if (guard.reached !== null) outcome = { reason: 'budget', message: guard.reached };
  } catch (error) {
    if (signal.aborted) outcome = { reason: 'stopped' };
    else if (error instanceof BudgetStop) outcome = { reason: 'budget', message: error.message };
    else if (guard.reached !== null) outcome = { reason: 'budget', message: guard.reached };
    else {
      const data = toErrorData(error);
      context.store.record(taskId, { type: 'error', code: data.code, message: data.message });
      outcome = { reason: 'failed', message: data.message };
    }
  }
  const reason =
    outcome.reason === 'stopped' && context.runner.interruptedByShutdown(taskId) ? 'interrupted' : outcome.reason;
  await liveCount.stop();
  await checkpointTurn(context, record, `flotilla: turn ${turn} ${reason}`);
  context.store.record(taskId, { type: 'turn.ended', turn, reason, message: outcome.message ?? null });
  const status =
    reason === 'stopped'
      ? 'stopped'
      : reason === 'interrupted'
        ? 'interrupted'
        : reason === 'failed'
          ? 'failed'
          : 'done';
  return { status, message: outcome.message ?? null, moved: (await tipOf(record)) !== tipBefore };
}

async function tipOf(record: TaskRecord): Promise<string | null> {
  // From the HEAD and ref files when it can (no git process before the agent's first request), else from git.
  const head = await readHead(record.task.worktreePath);
  return head?.commit ?? headCommit(record.task.worktreePath).catch(() => null);
}

/**
 * The task's change count for an event, or nothing when it cannot be counted (its base is gone,
 * say): the diff view explains that case, and a checkpoint must not fail over a count.
 */
export async function changesOf(record: TaskRecord, head?: string): Promise<{ changes?: ChangeCount }> {
  const { worktreePath, baseRef, baseCommit } = record.task;
  try {
    return { changes: await countChanges({ worktree: worktreePath, baseRef, baseCommit, head }) };
  } catch {
    return {};
  }
}

/** Commits whatever is loose in the task's worktree, reporting the checkpoint in the thread. */
export async function checkpointTurn(context: EngineContext, record: TaskRecord, message: string): Promise<void> {
  try {
    const result = await checkpoint({ worktree: record.task.worktreePath, message });
    if (result) {
      context.store.record(record.task.id, {
        type: 'checkpoint',
        commit: result.commit,
        message,
        ...(await changesOf(record, result.commit)),
      });
      return;
    }
    // Nothing loose to commit: count anyway, so a task that changed nothing (or whose agent committed
    // by itself) says so in its summary instead of keeping no count at all.
    const { changes } = await changesOf(record);
    if (changes && !sameCount(changes, record.task.changes))
      context.store.record(record.task.id, { type: 'changes.counted', changes });
  } catch (error) {
    const data = toErrorData(error);
    context.store.record(record.task.id, {
      type: 'error',
      code: data.code,
      message: `Could not checkpoint the worktree: ${data.message}`,
    });
  }
}
