import { budgetReached } from '../../shared/budget.js';
import type { VerifyResult } from '../../shared/verify.js';
import type { EngineContext } from '../engine-context.js';
import { readEventLog } from '../store/event-log.js';
import type { TurnEnd } from '../tasks/run-turn.js';
import type { TaskRecord } from '../tasks/task-record.js';
import { failedVerifyStatus, retryMessage, stoppedVerifyStatus } from './verify-messages.js';
import { runVerify } from './run-verify.js';
import { verifyPlanFor } from './verify-settings.js';

/**
 * Ends a turn: when the agent changed the task branch and a verify command is set, runs it first (the task stays
 * running), and on a failure with retries left sends the output back to the agent as the next message; then sets the
 * status: done (verified or failed verification), stopped or interrupted.
 */
export async function settleTurn(
  context: EngineContext,
  record: TaskRecord,
  end: TurnEnd,
  signal: AbortSignal,
): Promise<void> {
  const taskId = record.task.id;
  const plan = verifyPlanFor(record.task, context.config.repos.get(record.task.repoId)?.repo.settings);
  const retry = retriesUsed(record);
  // A retry turn is checked again even when it changed nothing, so its result says where the task stands.
  if (end.status !== 'done' || !(end.moved || retry > 0) || plan.command === null || signal.aborted) {
    context.store.setStatus(taskId, end.status, end.message);
    return;
  }
  let budget: string | null = null;
  let sendBack = false;
  const willRetry = (result: VerifyResult) => {
    sendBack = decideRetry(result);
    return sendBack;
  };
  const decideRetry = (result: VerifyResult) => {
    if (result.passed || !retryable(result) || retry >= plan.retries || signal.aborted) return false;
    // A message the person sent meanwhile goes next instead; its turn is verified in turn.
    if (context.runner.waitingCount(taskId) > 0) return false;
    budget = budgetReached(record.task);
    return budget === null;
  };
  const result = await runVerify(context, record, {
    command: plan.command,
    timeoutMs: plan.timeoutMs,
    trigger: 'turn',
    retry,
    retries: plan.retries,
    signal,
    willRetry,
  });
  if (result.outcome === 'stopped') {
    const status = context.runner.shuttingDown ? 'interrupted' : 'stopped';
    context.store.setStatus(taskId, status, stoppedVerifyStatus(result, status));
    return;
  }
  if (result.passed) {
    context.store.setStatus(taskId, 'done', end.message);
    return;
  }
  if (sendBack) {
    const text = retryMessage(result, retry + 1, plan.retries);
    const { seq } = context.store.record(taskId, { type: 'user.message', text, origin: 'verify' });
    context.runner.enqueue(taskId, { seq, text });
    return;
  }
  context.store.setStatus(taskId, 'done', failedVerifyStatus(result, { retry, retries: plan.retries, budget }));
}

/** Whether the agent can do anything about the failure: a command that is missing or cannot start is the setting's. */
function retryable(result: VerifyResult): boolean {
  return result.outcome === 'failed' || result.outcome === 'timedOut';
}

/** Retries verify has used since the person's last message: the verify messages sent back after it. */
export function retriesUsed(record: TaskRecord): number {
  const events = readEventLog(record.log.path).events;
  let used = 0;
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type !== 'user.message') continue;
    if (event.origin !== 'verify') break;
    used += 1;
  }
  return used;
}
