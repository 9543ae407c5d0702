import type { ThreadEvent } from '../../shared/events.js';
import { finishedStatuses, isActive } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { sendMessage } from '../tasks/messages.js';
import { teammateHeading } from '../../shared/team.js';

/**
 * Tells an idle lead when one of its subtasks finishes, as a message from that subtask, so a lead that ended its turn
 * (rather than wait) goes on with the result. A lead that is working (or waiting in wait_for_subtasks) sees it there;
 * a lead the person stopped, or one that is no longer done, is left alone.
 */
export class TeamWakeup {
  constructor(private readonly context: () => EngineContext) {}

  /** Looks at one recorded event (called for every event the store records). */
  observe(event: ThreadEvent): void {
    if (event.type !== 'status.changed' || !finishedStatuses.includes(event.status) || !isActive(event.previous))
      return;
    const subtask = this.context().store.get(event.taskId)?.task;
    if (subtask?.team?.role !== 'subtask') return;
    const leadId = subtask.team.leadId;
    // Recorded inside the store's own record(); the message records events of its own, so it goes after.
    queueMicrotask(() => this.wake(leadId, event.taskId));
  }

  private wake(leadId: string, subtaskId: string): void {
    const context = this.context();
    const lead = context.store.get(leadId);
    const subtask = context.store.get(subtaskId)?.task;
    if (!lead || !subtask || lead.task.status !== 'done' || context.runner.hasJob(leadId)) return;
    // A lead with a message waiting runs anyway; a subtask with one waiting has not finished after all.
    if (context.runner.waitingCount(leadId) > 0 || context.runner.waitingCount(subtaskId) > 0) return;
    const why = subtask.status === 'done' ? '' : ` (${subtask.lastError ?? 'no reason given'})`;
    const text = `${teammateHeading(subtask)}\nI finished: ${subtask.status}${why}. See list_subtasks; merge my work with merge_subtask.`;
    try {
      sendMessage(context, lead, text, { origin: 'teammate', from: subtaskId });
    } catch (error) {
      // A lead at its budget cannot take a message; its thread already says why it stopped.
      context.notices.push(`Team ${leadId}: could not tell the lead that ${subtaskId} finished: ${String(error)}`);
    }
  }
}
