import { MessageQueue } from '../../shared/message-queue.js';
import { isActive, type TaskStatus } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { readEventLog } from '../store/event-log.js';
import type { TaskRecord } from '../tasks/task-record.js';
import type { Handlers } from './handler.js';
import { requireTask } from './task-commands.js';

/** Where a user message of a task stands, replayed from its thread. */
type MessageState = { kind: 'missing' } | { kind: 'waiting' } | { kind: 'started' } | { kind: 'cancelled' } | { kind: 'dropped' };

/** Commands on a task's messages: taking back a queued follow-up. */
export const messageCommands: Handlers<'task/cancelMessage'> = {
  async 'task/cancelMessage'(context, { taskId, seq }) {
    const record = requireTask(context, taskId);
    const state = messageState(record, seq);
    switch (state.kind) {
      case 'missing':
        throw new EngineError('notFound', `Task ${taskId} has no message #${seq}. \`flotilla show ${taskId}\` shows its thread.`);
      case 'started':
        throw new EngineError('invalidInput', 'The agent has already started on that message, so it can no longer be cancelled. Stop the task to end the turn.');
      case 'cancelled':
        throw new EngineError('invalidInput', 'That message was already cancelled; it will not run.');
      case 'dropped':
        throw new EngineError('invalidInput', 'That message will not run: the task stopped before its turn. Send it again to run it.');
      case 'waiting':
        break;
      default: {
        const unreachable: never = state;
        throw new Error(`Unknown message state ${JSON.stringify(unreachable)}`);
      }
    }
    if (record.task.status === 'preparing' && !record.pending.some((message) => message.seq !== seq)) {
      throw new EngineError('taskBusy', 'The task is creating its worktree to run this message. Stop the task to cancel it.');
    }
    const index = record.pending.findIndex((message) => message.seq === seq);
    if (index >= 0) record.pending.splice(index, 1);
    context.record(taskId, { type: 'message.cancelled', messageSeq: seq });
    // A task that waited for a slot only for this message has nothing left to do: it goes back to where it was.
    if (record.pending.length === 0 && record.task.status === 'queued' && (context.unschedule(taskId) || !record.job)) settleUnqueued(context, record);
    return { task: record.task };
  },
};

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
  if (previous !== null && !isActive(previous)) context.setStatus(record.task.id, previous);
  else context.setStatus(record.task.id, 'stopped', 'Its message was cancelled before it started; nothing ran.');
}
