import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { isWorking, listSubtasks, type TeamView } from './list-subtasks.js';
import { requireSubtaskOf } from './team-members.js';

/** How often a wait looks at the subtasks again. */
const pollMs = 100;

/** How a wait for subtasks ended: all finished (for now), a message for the lead arrived, or the timeout passed. */
export interface WaitOutcome {
  finished: boolean;
  /** True when the wait ended early because a message waits for the lead (it runs next). */
  messageWaiting: boolean;
  view: TeamView;
}

/**
 * Waits until the named subtasks (all the lead's when none are named) are no longer working, at most `timeoutMs`;
 * a message for the lead (a teammate's) or a stop of the lead ends the wait early. Unknown ids are refused before
 * waiting.
 */
export async function waitForSubtasks(
  context: EngineContext,
  leadId: string,
  ids: readonly string[] | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<WaitOutcome> {
  const wanted = ids?.length ? ids.map((id) => requireSubtaskOf(context, leadId, id).task.id) : null;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = listSubtasks(context, leadId);
    const watched = view.subtasks.filter((task) => wanted === null || wanted.includes(task.id));
    if (wanted === null && watched.length === 0)
      throw new EngineError('invalidInput', 'This team has no subtasks to wait for; start one with spawn_subtask.');
    if (!watched.some((task) => isWorking(context, task))) return { finished: true, messageWaiting: false, view };
    if (context.runner.waitingCount(leadId) > 0) return { finished: false, messageWaiting: true, view };
    if (Date.now() >= deadline) return { finished: false, messageWaiting: false, view };
    await sleep(pollMs, undefined, { signal });
  }
}
