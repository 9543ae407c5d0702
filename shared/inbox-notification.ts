import type { AutomationRun, InboxState } from './automation.js';
import type { EngineChange } from './engine-events.js';

/** An inbox notification: of one new run (a click opens its task), or of several at once (a click opens the inbox). */
export type InboxNotification =
  | { kind: 'run'; runId: string; taskId: string | null; title: string; body: string }
  | { kind: 'several'; runIds: string[]; title: string; body: string };

/**
 * The notification for runs that reached the inbox unread together (null for none, or while the user looks at the
 * window): one run says its automation, what came of it and why it fired; several say how many and whose.
 * `nameOf` gives an automation's name.
 */
export function inboxNotificationFor(
  runs: readonly AutomationRun[],
  nameOf: (automationId: string) => string,
  windowFocused: boolean,
): InboxNotification | null {
  if (windowFocused || runs.length === 0) return null;
  const [only] = runs;
  if (runs.length === 1 && only) {
    return {
      kind: 'run',
      runId: only.id,
      taskId: only.taskIds[0] ?? null,
      title: clip(`Inbox: ${nameOf(only.automationId)}`, 80),
      body: clip([only.outcome, only.reason].filter(Boolean).join(' · '), 200),
    };
  }
  const counts = new Map<string, number>();
  for (const run of runs) {
    const name = nameOf(run.automationId);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const names = [...counts].map(([name, count]) => (count > 1 ? `${name} (${count})` : name));
  return {
    kind: 'several',
    runIds: runs.map((run) => run.id),
    title: `${runs.length} new in the inbox`,
    body: clip(`From ${names.join(', ')}. Open the inbox to review them.`, 200),
  };
}

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/**
 * Follows automation changes and tells which run just reached the inbox unread (null for any other change): a run
 * first seen unread, or seen before the inbox; never a run marked unread again after it was read or archived.
 */
export function inboxWatch(): (change: EngineChange) => AutomationRun | null {
  const last = new Map<string, InboxState | null>();
  return (change) => {
    if (change.type !== 'automation.ran') return null;
    const before = last.get(change.run.id);
    last.set(change.run.id, change.run.inbox);
    return change.run.inbox === 'unread' && (before === undefined || before === null) ? change.run : null;
  };
}
