import type { ThreadEvent } from './events.js';
import { describeChanges, type ChangeCount } from './task.js';
import { describeVerify, type VerifyResult } from './verify.js';

/**
 * True for the thread events that may become notifications (the desktop app's and the browser
 * window's): a task finished or failed, or an agent waits for approval. In the desktop app the
 * engine process forwards only these to the main process; every other event goes straight to the renderer.
 */
export function isNotable(event: ThreadEvent): boolean {
  switch (event.type) {
    case 'status.changed':
      return event.status === 'done' || event.status === 'failed';
    case 'approval.requested':
      return true;
    default:
      return false;
  }
}

/** A desktop notification to show. */
export interface NotificationContent {
  taskId: string;
  title: string;
  body: string;
}

/** What a notification says of its task, when the engine could tell: its title and what it changed. */
export interface NotifiedTask {
  title: string;
  changes: ChangeCount | null;
  /** The task's last verify result, when it has one: a finished task then says whether its checks passed. */
  lastVerify?: VerifyResult | null;
}

/**
 * The notification for a notable event, or null when none should show: the user is looking at
 * the window already, or the event is not notable. `task` is what is known of the task, if anything.
 */
export function notificationFor(
  event: ThreadEvent,
  task: NotifiedTask | null,
  windowFocused: boolean,
): NotificationContent | null {
  if (windowFocused || !isNotable(event)) return null;
  const name = clip(task?.title ?? `Task ${event.taskId}`, 80);
  switch (event.type) {
    case 'status.changed':
      if (event.status === 'done' && task?.lastVerify) {
        const checks = describeVerify(task.lastVerify);
        return task.lastVerify.passed
          ? { taskId: event.taskId, title: `Verified: ${name}`, body: clip(verifiedBody(task.changes, checks), 200) }
          : { taskId: event.taskId, title: `Failed verification: ${name}`, body: clip(event.message ?? checks, 200) };
      }
      if (event.status === 'done' && event.message) {
        // A turn cut short (a budget, the model-call limit) ends as done with why it stopped.
        return { taskId: event.taskId, title: `Stopped: ${name}`, body: clip(event.message, 200) };
      }
      return event.status === 'done'
        ? { taskId: event.taskId, title: `Finished: ${name}`, body: finishedBody(task?.changes ?? null) }
        : {
            taskId: event.taskId,
            title: `Failed: ${name}`,
            body: clip(event.message ?? 'The task failed. Open it to see what happened.', 200),
          };
    case 'approval.requested':
      return {
        taskId: event.taskId,
        title: `Approval needed: ${name}`,
        body: clip(`${event.tool}: ${event.summary}`, 200),
      };
    default:
      return null;
  }
}

function verifiedBody(changes: ChangeCount | null, checks: string): string {
  return changes === null || changes.files === 0 ? `${checks}.` : `${describeChanges(changes)}; ${checks}.`;
}

function finishedBody(changes: ChangeCount | null): string {
  if (changes === null) return 'The agent is done. Review the changes and merge or discard them.';
  if (changes.files === 0) return 'The agent is done; it changed no files.';
  return `${describeChanges(changes)}. Review them and merge or discard.`;
}

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
