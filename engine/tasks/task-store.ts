import type { ThreadEvent, ThreadEventInput } from '../../shared/events.js';
import type { TaskStatus } from '../../shared/task.js';
import { EngineError } from '../errors.js';
import type { HomePaths } from '../home.js';
import type { Task } from '../../shared/task.js';
import { writeTextFile, writeTextFileSync } from '../store/json-file.js';
import { loadTaskIndex, taskIndexText, threadLogPath } from '../store/task-index.js';
import { TaskRecord } from './task-record.js';
import { startSpan } from '../trace/trace.js';

/**
 * The tasks the engine knows: their records, the one way to record an event or a status change,
 * and the task index on disk (saved soon after each change that the index shows).
 */
export class TaskStore {
  private readonly records = new Map<string, TaskRecord>();
  private saveTimer: NodeJS.Timeout | null = null;
  /** Each task summary's JSON text, kept until the summary changes (a reduced event makes a new object). */
  private readonly taskJson = new WeakMap<Task, string>();
  /** The index write in flight, and whether another was asked for meanwhile. */
  private writing: Promise<void> | null = null;
  private writeAgain = false;
  private closed = false;

  private constructor(
    private readonly paths: HomePaths,
    private readonly emit: (event: ThreadEvent) => void,
  ) {}

  /** Loads the task index (rebuilding it from thread logs where needed); what was odd goes into `notices`. */
  static load(paths: HomePaths, emit: (event: ThreadEvent) => void, notices: string[]): TaskStore {
    const store = new TaskStore(paths, emit);
    const loaded = loadTaskIndex(paths.taskIndex, paths.threads);
    for (const entry of loaded.tasks) {
      store.records.set(
        entry.task.id,
        new TaskRecord(entry.task, entry.seq, threadLogPath(paths.threads, entry.task.id), entry.logBytes),
      );
      if (entry.skippedLines > 0)
        notices.push(
          `Thread ${entry.task.id}: skipped ${entry.skippedLines} unreadable line(s) in its log (a write was cut short).`,
        );
    }
    if (loaded.rebuilt > 0) notices.push(`Rebuilt ${loaded.rebuilt} task(s) from their thread logs.`);
    return store;
  }

  /** A task's record, or undefined. */
  get(taskId: string): TaskRecord | undefined {
    return this.records.get(taskId);
  }

  /** A task's record, or a clear error naming where to find task ids. */
  require(taskId: string): TaskRecord {
    const record = this.records.get(taskId);
    if (!record) throw new EngineError('notFound', `No task with id "${taskId}". See \`flotilla list\` for task ids.`);
    return record;
  }

  /** Every task record, oldest first. */
  all(): TaskRecord[] {
    return [...this.records.values()];
  }

  /** Starts a new task's record and thread log; its first event is for the caller to record. */
  add(task: TaskRecord['task']): TaskRecord {
    const record = new TaskRecord(task, 0, threadLogPath(this.paths.threads, task.id), 0);
    this.records.set(task.id, record);
    return record;
  }

  /** Records a thread event: persists it, updates the task, tells subscribers. */
  record(taskId: string, input: ThreadEventInput): ThreadEvent {
    const record = this.records.get(taskId);
    if (!record) throw new Error(`record() for unknown task ${taskId}`);
    const stamped = record.apply(input);
    if (
      stamped.type === 'status.changed' ||
      stamped.type === 'turn.ended' ||
      stamped.type === 'task.created' ||
      stamped.type === 'sibling.merged'
    )
      this.saveSoon();
    const span = startSpan(`fan-out ${stamped.type}`, 'events', { taskId, seq: stamped.seq });
    this.emit(stamped);
    span.end();
    return stamped;
  }

  /** Records a status change if the status differs. */
  setStatus(taskId: string, status: TaskStatus, message: string | null = null): void {
    const change = this.records.get(taskId)?.statusChange(status, message);
    if (change) this.record(taskId, change);
  }

  /** Waits for an index write in flight, writes the index now and closes every thread log (the engine is closing). */
  async close(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.writeAgain = false;
    this.closed = true;
    await this.writing;
    writeTextFileSync(this.paths.taskIndex, this.indexText());
    for (const record of this.records.values()) record.log.close();
  }

  private indexText(): string {
    return taskIndexText(
      this.all().map((record) => {
        let taskJson = this.taskJson.get(record.task);
        if (taskJson === undefined) {
          taskJson = JSON.stringify(record.task);
          this.taskJson.set(record.task, taskJson);
        }
        return { taskJson, seq: record.seq, logBytes: record.log.size };
      }),
    );
  }

  /**
   * Writes the index off the main thread, one write at a time: with a thousand tasks it is megabytes, and a task being
   * created should not wait for it. The logs stay the truth, so a write lost to a crash only means replaying some.
   */
  private save(): void {
    this.saveTimer = null;
    if (this.writing) {
      this.writeAgain = true;
      return;
    }
    this.writing = writeTextFile(this.paths.taskIndex, this.indexText())
      .catch(() => undefined)
      .finally(() => {
        this.writing = null;
        if (this.writeAgain) {
          this.writeAgain = false;
          this.save();
        }
      });
  }

  private saveSoon(): void {
    if (this.closed) return;
    this.saveTimer ??= setTimeout(() => this.save(), 100);
  }
}
