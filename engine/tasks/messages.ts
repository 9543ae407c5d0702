import { budgetReached } from '../../shared/budget.js';
import { MessageQueue } from '../../shared/message-queue.js';
import { isActive, type TaskStatus } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { readEventLog } from '../store/event-log.js';
import type { TaskRecord } from './task-record.js';

/** Where a user message of a task stands, replayed from its thread. */
type MessageState =
  { kind: 'missing' } | { kind: 'waiting' } | { kind: 'started' } | { kind: 'cancelled' } | { kind: 'dropped' };

/**
 * Gives the task's agent a message: recorded in the thread and run as the next turn. Refused, with
 * what to do, for a discarded task or one at its budget; the message is then not recorded. `sender` labels a
 * teammate's message (the person's otherwise).
 */
export function sendMessage(
  context: EngineContext,
  record: TaskRecord,
  text: string,
  sender: { origin: 'teammate'; from: string } | null = null,
): void {
  const taskId = record.task.id;
  if (record.task.status === 'discarded') {
    throw new EngineError(
      'taskDiscarded',
      'This task was discarded. Restore it first (`flotilla restore`), then send your message.',
    );
  }
  const reached = budgetReached(record.task);
  if (reached !== null) {
    throw new EngineError(
      'budgetReached',
      `This task has reached ${reached}. Raise or remove its budget (“Raise…” by the budget in the thread's header, or \`flotilla budget ${taskId} --usd <n>|none\`), then send your message again.`,
    );
  }
  const { seq } = context.store.record(taskId, { type: 'user.message', text, ...sender });
  context.runner.enqueue(taskId, { seq, text });
}

/** Takes back a follow-up that has not started; a task that waited only for it goes back to where it was. */
export function cancelMessage(context: EngineContext, taskId: string, seq: number): TaskRecord {
  const record = context.store.require(taskId);
  const state = messageState(record, seq);
  switch (state.kind) {
    case 'missing':
      throw new EngineError(
        'notFound',
        `Task ${taskId} has no message #${seq}. \`flotilla show ${taskId}\` shows its thread.`,
      );
    case 'started':
      throw new EngineError(
        'invalidInput',
        'The agent has already started on that message, so it can no longer be cancelled. Stop the task to end the turn.',
      );
    case 'cancelled':
      throw new EngineError('invalidInput', 'That message was already cancelled; it will not run.');
    case 'dropped':
      throw new EngineError(
        'invalidInput',
        'That message will not run: the task stopped before its turn. Send it again to run it.',
      );
    case 'waiting':
      break;
    default: {
      const unreachable: never = state;
      throw new Error(`Unknown message state ${JSON.stringify(unreachable)}`);
    }
  }
  if (record.task.status === 'preparing' && !context.runner.hasOtherWaiting(taskId, seq)) {
    throw new EngineError(
      'taskBusy',
      'The task is creating its worktree to run this message. Stop the task to cancel it.',
    );
  }
  const left = context.runner.cancelMessage(taskId, seq);
  context.store.record(taskId, { type: 'message.cancelled', messageSeq: seq });
  // A task that waited for a slot only for this message has nothing left to do: it goes back to where it was.
  if (
    left === 0 &&
    record.task.status === 'queued' &&
    (context.runner.unschedule(taskId) || !context.runner.hasJob(taskId))
  )
    settleUnqueued(context, record);
  return record;
}

function messageState(record: TaskRecord, seq: number): MessageState {
  const queue = new MessageQueue();
  let found = false;
  let outcome: MessageState['kind'] | null = null;
  for (const event of readEventLog(record.log.path).events) {
    if (event.type === 'user.message' && event.seq === seq) found = true;
    const change = queue.fold(event);
    if (change.started === seq) outcome = 'started';
    if (change.removed.includes(seq)) outcome = change.why === 'cancelled' ? 'cancelled' : 'dropped';
  }
  if (!found) return { kind: 'missing' };
  return { kind: outcome ?? 'waiting' };
}

/** The status a task had before it was queued for the message just cancelled; a task that never ran is stopped. */
function settleUnqueued(context: EngineContext, record: TaskRecord): void {
  const events = readEventLog(record.log.path).events;
  const queued = events.findLast((event) => event.type === 'status.changed' && event.status === 'queued');
  const previous: TaskStatus | null = queued?.type === 'status.changed' ? queued.previous : null;
  if (previous !== null && !isActive(previous)) context.store.setStatus(record.task.id, previous);
  else context.store.setStatus(record.task.id, 'stopped', 'Its message was cancelled before it started; nothing ran.');
}
