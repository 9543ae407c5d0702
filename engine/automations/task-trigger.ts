import type { Automation } from '../../shared/automation.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { Task } from '../../shared/task.js';
import type { FiredEvent } from './run-starter.js';

type TaskWhen = 'finished' | 'merged' | 'failedVerification';

/** What happened to a task in this event, as a task trigger names it (null: nothing a trigger waits for). */
export function taskHappening(event: ThreadEvent, task: Task): { when: TaskWhen; branch: string | null } | null {
  if (event.type === 'merged') return { when: 'merged', branch: event.into };
  if (event.type !== 'status.changed' || event.status !== 'done') return null;
  const failed = task.lastVerify !== null && !task.lastVerify.passed;
  return { when: failed ? 'failedVerification' : 'finished', branch: task.baseBranch };
}

/**
 * The event a task trigger fires for this task event, or null: the same repository, the outcome it waits for, on its
 * branch if it names one, and never a run of the automation itself (so a chain cannot feed itself).
 */
export function taskEvent(automation: Automation, event: ThreadEvent, task: Task): FiredEvent | null {
  const trigger = automation.trigger;
  if (trigger.on !== 'task' || task.repoId !== automation.repoId) return null;
  if (task.automation?.automationId === automation.id) return null;
  const happening = taskHappening(event, task);
  if (happening === null || happening.when !== trigger.when) return null;
  if (trigger.branch !== null && happening.branch !== trigger.branch) return null;
  const words = {
    finished: 'finished',
    merged: `was merged into ${happening.branch ?? '?'}`,
    failedVerification: 'failed verification',
  };
  return {
    reason: `task ${task.id} ${words[happening.when]}: ${task.title}`,
    eventKey: `task:${task.id}:${happening.when}:${event.seq}`,
    depth: (task.automation?.depth ?? -1) + 1,
    variables: {
      'task.id': task.id,
      'task.title': task.title,
      'task.prompt': task.prompt,
      'task.status': task.status,
      'task.branch': task.branch,
      'task.event': happening.when,
    },
  };
}
