import { nothingToReport, type AutomationRun, type InboxState } from '../../shared/automation.js';
import { describeChanges, type Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { readEventLog } from '../store/event-log.js';

/** What a finished run's tasks came to: whether it goes to the inbox unread or is archived at once, and why. */
export interface RunOutcome {
  inbox: InboxState;
  outcome: string;
}

/**
 * Where a run whose tasks have all finished lands: unread when a task changed files, failed (or failed verification)
 * or reported findings (a final answer that does not end with NOTHING TO REPORT); archived when it had nothing.
 */
export function runOutcome(context: EngineContext, run: AutomationRun): RunOutcome {
  const tasks = run.taskIds.flatMap((id) => context.store.get(id)?.task ?? []);
  const changed = tasks.find((task) => (task.changes?.files ?? 0) > 0);
  if (changed?.changes) return { inbox: 'unread', outcome: describeChanges(changed.changes) };
  const trouble = tasks.find((task) => task.status !== 'done' || (task.lastVerify !== null && !task.lastVerify.passed));
  if (trouble) return { inbox: 'unread', outcome: troubleOf(trouble) };
  const findings = tasks.map((task) => finalAnswer(context, task)).find((text) => text !== '' && !saysNothing(text));
  if (findings !== undefined) return { inbox: 'unread', outcome: `Findings, no changes: ${firstLine(findings)}` };
  return { inbox: 'archived', outcome: 'Nothing to report' };
}

/** The words an automation adds to its prompt so an agent with nothing to say can say so. */
export const reportInstruction = `\n\n(Started by a Flotilla automation. If you find nothing to change or report, end your answer with the line ${nothingToReport}.)`;

function troubleOf(task: Task): string {
  if (task.status === 'done') return `Failed verification: ${task.lastVerify?.command ?? ''}`;
  return `Task ${task.status}${task.lastError ? `: ${firstLine(task.lastError)}` : ''}`;
}

function saysNothing(text: string): boolean {
  return text.toUpperCase().includes(nothingToReport);
}

/** The text of the agent's last turn (its final answer), from the thread log. */
function finalAnswer(context: EngineContext, task: Task): string {
  const record = context.store.get(task.id);
  if (!record) return '';
  const events = readEventLog(record.log.path).events;
  let text = '';
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (event?.type === 'turn.started') break;
    if (event?.type === 'agent.text') text = event.text + text;
  }
  return text.trim();
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
