import type { ThreadEvent } from '../../../shared/events.js';
import type { AgentEvent } from '../agent.js';

/**
 * External agents keep their own conversation (a Claude Code session, a Codex thread, an ACP
 * session). Its id is recorded in the task's thread as an info notice of a fixed shape, so a
 * follow-up turn (even after an engine restart) finds it in `context.history` and continues that
 * conversation, and the user can see which session the task used.
 */
export function sessionNotice(label: string, sessionId: string, hint = ''): AgentEvent {
  return { type: 'notice', level: 'info', message: `${label} session ${sessionId}${hint ? ` (${hint})` : ''}` };
}

/** The id of the latest session recorded for `label` in the history, or null. */
export function findSession(history: readonly ThreadEvent[], label: string): string | null {
  const prefix = `${label} session `;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const event = history[index];
    if (event?.type !== 'notice' || !event.message.startsWith(prefix)) continue;
    const id = event.message.slice(prefix.length).split(' ')[0];
    if (id) return id;
  }
  return null;
}

/**
 * Sequence number of the latest session notice for `label` (0 when none), so callers can look at what came after it.
 */
export function sessionNoticeSeq(history: readonly ThreadEvent[], label: string): number {
  const prefix = `${label} session `;
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const event = history[index];
    if (event?.type === 'notice' && event.message.startsWith(prefix)) return event.seq;
  }
  return 0;
}
