import type { ThreadEvent, ThreadEventInput } from '../../shared/events.js';
import { reduceTask } from '../../shared/reduce-task.js';
import type { Task, TaskStatus } from '../../shared/task.js';
import { EventLog } from '../store/event-log.js';

/**
 * A message waiting to run as a turn: its text, and the seq of its user.message (null when it has none, e.g. a re-run
 * prompt).
 */
export interface PendingMessage {
  seq: number | null;
  text: string;
}

/** A task the engine holds in memory: its summary and its open log (its in-flight work is the TaskRunner's). */
export class TaskRecord {
  task: Task;
  seq: number;
  readonly log: EventLog;

  constructor(task: Task, seq: number, logPath: string, logBytes: number) {
    this.task = task;
    this.seq = seq;
    this.log = new EventLog(logPath, logBytes);
  }

  /** Stamps an event with sequence number and time, appends it to the log and folds it into the summary. */
  apply(input: ThreadEventInput): ThreadEvent {
    this.seq += 1;
    const event = { ...input, taskId: this.task.id, seq: this.seq, at: new Date().toISOString() } as ThreadEvent;
    this.log.append(event);
    this.task = reduceTask(this.task, event) ?? this.task;
    if (event.type === 'status.changed' || event.type === 'turn.ended') this.log.flush();
    return event;
  }

  /** The status change event for moving to `status`, or null when already there. */
  statusChange(status: TaskStatus, message: string | null = null): ThreadEventInput | null {
    if (this.task.status === status) return null;
    return { type: 'status.changed', status, previous: this.task.status, message };
  }
}
