import { describeBudgetChange } from '../../../shared/budget.js';
import type { ThreadEvent } from '../../../shared/events.js';
import { phaseLabel, statusLabel } from '../components/status-text.js';

/**
 * How much of a streaming reply an activity line keeps: about three lines of the narrowest
 * overview card, so the newest words stay visible above the card's clamp.
 */
const maxStream = 100;

/** How much of any other text an activity line keeps. */
const maxLine = 240;

/**
 * The one line that says what a task is doing now, for the overview grid: the last words the agent
 * wrote, the tool it is running, the phase it is in. Returns the previous line when an event says nothing new.
 * `turnRunning` says a turn is under way, so a message that arrives waits in the queue.
 */
export function nextActivityLine(
  previous: string | undefined,
  event: ThreadEvent,
  turnRunning = false,
): string | undefined {
  switch (event.type) {
    case 'agent.text': {
      // Continue the line while the agent streams; start afresh after anything else.
      const base = previous?.startsWith('› ') ? previous : '› ';
      const joined = (base + event.text).replace(/\s+/g, ' ');
      return joined.length > maxStream ? `› …${joined.slice(joined.length - maxStream).trimStart()}` : joined;
    }
    case 'agent.reasoning':
      return 'Thinking…';
    case 'tool.started':
      return `Running ${event.name}${describeInput(event.input)}`;
    case 'tool.finished':
      return `${event.ok ? 'Finished' : 'Failed'} a tool call in ${Math.round(event.durationMs)} ms`;
    case 'phase.changed':
      return event.state === 'failed'
        ? `Failed while ${phaseLabel(event.phase)}`
        : `Preparing: ${phaseLabel(event.phase)}`;
    case 'approval.requested':
      return `Waiting for approval: ${event.summary}`;
    case 'approval.resolved':
      return event.decision === 'approve' ? 'Approved; continuing' : 'Denied';
    case 'status.changed':
      return event.message ? `${statusLabel(event.status)}: ${event.message}` : statusLabel(event.status);
    case 'user.message':
      // A message queued behind the running turn is not what the agent is doing.
      return turnRunning ? previous : `You: ${event.text.replace(/\s+/g, ' ').slice(0, maxLine)}`;
    case 'error':
      return `Error: ${event.message}`;
    case 'notice':
      return event.message;
    case 'checkpoint':
      return `Checkpoint: ${event.message}`;
    case 'branch.rolledBack':
      return `Rolled back to checkpoint ${event.commit.slice(0, 10)}`;
    case 'context.compacted':
      return 'Compacted the conversation';
    case 'sibling.merged':
      return `Another attempt (${event.siblingId}) was merged`;
    case 'budget.changed':
      return describeBudgetChange(event);
    case 'verify.started':
      return `Verifying: ${event.command}`;
    case 'verify.finished':
      return event.result.passed ? 'Verified' : 'Verify failed';
    case 'verify.output':
    case 'ranking.changed':
    case 'group.stopped':
    case 'task.created':
    case 'message.cancelled':
    case 'phase.output':
    case 'turn.started':
    case 'tool.output':
    case 'usage':
    case 'turn.ended':
    case 'merged':
    case 'pushed':
    case 'pullRequest.changed':
    case 'base.merged':
    case 'discarded':
    case 'restored':
    case 'worktree.removed':
    case 'changes.counted':
    case 'sandbox.detected':
    case 'task.renamed':
    case 'task.archived':
    case 'overlaps.changed':
      return previous;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function describeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return '';
  const record = input as Record<string, unknown>;
  const first = ['command', 'path', 'file', 'pattern', 'query']
    .map((key) => record[key])
    .find((value) => typeof value === 'string');
  return typeof first === 'string' ? `: ${first.length > 120 ? `${first.slice(0, 120)}…` : first}` : '';
}
