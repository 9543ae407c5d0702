import { describeBudgetChange } from '../shared/budget.js';
import { formatUsd } from '../shared/format-money.js';
import type { ThreadEvent } from '../shared/events.js';
import { describeChanges } from '../shared/task-state.js';
import { describeOverlaps } from '../shared/overlap-words.js';
import { describePullRequestChange } from '../shared/pull-request-words.js';
import { describeVerify } from '../shared/verify-state.js';
import { ThreadBuilder } from '../shared/thread-builder.js';
import type { ThreadItem, ThreadItemOf } from '../shared/thread-items.js';

/** Human-readable duration: "850 ms", "3.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** Dollar cost with enough digits to see small amounts (the shared formatter's exact style). */
export function formatCost(usd: number): string {
  return formatUsd(usd);
}

/**
 * Turns a task's thread events into readable lines. The thread's items come from the shared fold
 * (shared/thread-builder.ts), so the CLI and the window agree on which messages were queued,
 * cancelled or dropped and which tool a result belongs to; events that make no item (turn starts,
 * usage, change counts) get a line of their own. Agents stream text in small pieces, so text is
 * held until a line is complete (or another kind of event arrives) and printed as whole lines.
 */
export class EventPrinter {
  private text = '';
  private textKind: 'agent' | 'thinking' = 'agent';
  private readonly thread = new ThreadBuilder();
  /** Messages printed as queued; only those get a line when they leave the queue unrun. */
  private readonly queued = new Set<number>();

  /** The lines (each ending in a newline) this event completes. */
  push(event: ThreadEvent): string {
    this.thread.apply([event]);
    const changed = this.thread.changed;
    if (event.type === 'user.message') {
      const message = changed.find(
        (item): item is ThreadItemOf<'user'> => item.kind === 'user' && item.seq === event.seq,
      );
      if (message?.delivery === 'queued' && message.origin === 'user') {
        this.queued.add(message.seq);
        return this.flush() + prefixLines('you (queued): ', message.text);
      }
    }
    // A message printed as queued leaves the set when its turn starts ('sent') or it is taken off unrun.
    const unsent = changed.filter(
      (item): item is ThreadItemOf<'user'> =>
        item.kind === 'user' && item.delivery !== 'queued' && this.queued.delete(item.seq) && item.delivery !== 'sent',
    );
    return this.print(event, changed) + unsent.map(describeUnsent).join('');
  }

  private print(event: ThreadEvent, changed: readonly ThreadItem[]): string {
    if (event.type === 'agent.text' || event.type === 'agent.reasoning') {
      const kind = event.type === 'agent.text' ? 'agent' : 'thinking';
      let out = kind === this.textKind ? '' : this.flush();
      this.textKind = kind;
      this.text += event.text;
      const end = this.text.lastIndexOf('\n');
      if (end >= 0) {
        out += prefixLines(`${this.textKind}: `, this.text.slice(0, end));
        this.text = this.text.slice(end + 1);
      }
      return out;
    }
    return this.flush() + this.describe(event, changed);
  }

  /** Whatever partial text is still held, as a line. */
  flush(): string {
    if (this.text.trim() === '') {
      this.text = '';
      return '';
    }
    const out = prefixLines(`${this.textKind}: `, this.text);
    this.text = '';
    return out;
  }

  private describe(
    event: Exclude<ThreadEvent, { type: 'agent.text' | 'agent.reasoning' }>,
    changed: readonly ThreadItem[],
  ): string {
    switch (event.type) {
      case 'task.created':
        return line(
          `task ${event.task.id} created on ${event.task.branch} from ${event.task.baseRef} (agent ${event.task.agent}): ${event.task.title}`,
        );
      case 'user.message':
        // A failed verify sent back to the agent: its first line says what failed; the output was printed above.
        if (event.origin === 'verify') return line(`to the agent: ${event.text.split('\n')[0] ?? ''}`);
        // A teammate's message starts with a line naming the sender.
        if (event.origin === 'teammate') return prefixLines('teammate: ', event.text);
        return prefixLines('you: ', event.text);
      case 'message.cancelled':
        // Said by push, which knows the message's words.
        return '';
      case 'phase.changed': {
        const took = event.durationMs === null ? '' : ` in ${formatDuration(event.durationMs)}`;
        const detail = event.detail ? `: ${event.detail}` : '';
        return line(`phase ${event.phase} ${event.state}${event.state === 'started' ? '' : took}${detail}`);
      }
      case 'phase.output':
        return prefixLines(`  ${event.phase} | `, event.text.replace(/\n$/, ''));
      case 'turn.started':
        return line(`turn ${event.turn} started`);
      case 'tool.started':
        return line(`tool ${event.name} ${shorten(JSON.stringify(event.input) ?? '', 160)}`);
      case 'tool.output':
        return prefixLines('  | ', shorten(event.text.replace(/\n$/, ''), 2000));
      case 'tool.finished': {
        const tool = changed.find((item) => item.kind === 'tool' && item.callId === event.callId);
        const name = tool?.kind === 'tool' ? tool.name : 'tool';
        return line(
          `tool ${name} ${event.ok ? 'ok' : 'FAILED'} (${formatDuration(event.durationMs)}): ${shorten(event.result, 300)}`,
        );
      }
      case 'usage':
        return line(
          `usage ${event.model}: ${event.inputTokens} in, ${event.outputTokens} out tokens, ${formatCost(event.costUsd)}`,
        );
      case 'turn.ended':
        return line(`turn ${event.turn} ended: ${event.reason}${event.message ? ` (${event.message})` : ''}`);
      case 'status.changed':
        return line(`status ${event.status}${event.message ? `: ${event.message}` : ''}`);
      case 'checkpoint':
        return line(
          `checkpoint ${event.commit.slice(0, 10)}: ${event.message}${event.changes ? ` (${describeChanges(event.changes)})` : ''}`,
        );
      case 'merged':
        return line(`merged into ${event.into} as ${event.commit.slice(0, 10)} (${event.mode})`);
      case 'sibling.merged':
        return line(
          `another attempt (${event.siblingId}) was merged into ${event.into} as ${event.commit.slice(0, 10)}; this one was not`,
        );
      case 'discarded':
        return line(`discarded; work archived at ${event.archiveRef}`);
      case 'base.merged':
        return line(
          `brought ${event.base} (${event.baseCommit.slice(0, 10)}) into the task${event.conflicts.length > 0 ? `; conflict markers left in: ${event.conflicts.join(', ')}` : ''}`,
        );
      case 'pushed':
        return line(
          `pushed ${event.pushed.branch} to ${event.pushed.remote} (${event.pushed.commit.slice(0, 10)})${event.pushed.pullRequestUrl ? `; open a pull request: ${event.pushed.pullRequestUrl}` : ''}`,
        );
      case 'pullRequest.changed':
        return line(
          describePullRequestChange(event.pullRequest, event.origin).replace(/^./, (first) => first.toLowerCase()),
        );
      case 'restored':
        return line(`restored on ${event.branch} at ${event.worktreePath}`);
      case 'branch.rolledBack':
        return line(
          `rolled back to checkpoint ${event.commit.slice(0, 10)}; the later work (${event.from.slice(0, 10)}) is kept at ${event.archiveRef}`,
        );
      case 'changes.counted':
        return line(`so far: ${describeChanges(event.changes)}`);
      case 'worktree.removed':
        return line(`removed the worktree ${event.worktreePath}; the branch ${event.branch} keeps the work`);
      case 'notice':
        return line(`${event.level}: ${event.message}`);
      case 'error':
        return line(`error (${event.code}): ${event.message}`);
      case 'sandbox.detected':
        return line(event.sandbox === 'none' ? `UNSANDBOXED: ${event.detail}` : `sandbox: ${event.sandbox}`);
      case 'approval.requested':
        return line(
          `waiting for approval ${event.requestId}: ${event.summary}  (answer with: flotilla approve ${event.taskId} ${event.requestId}, or flotilla deny)`,
        );
      case 'approval.resolved':
        return line(
          `${event.decision === 'approve' ? 'approved' : 'denied'} ${event.requestId}${event.by === 'stop' ? ' (task stopped)' : ''}`,
        );
      case 'budget.changed':
        return line(describeBudgetChange(event));
      case 'task.renamed':
        return line(`renamed to “${event.title}”`);
      case 'task.archived':
        return line(event.archived ? 'archived' : 'unarchived');
      case 'verify.started':
        return line(
          `verify: running \`${event.command}\`${event.trigger === 'request' ? ' (asked for)' : ''}${event.retry > 0 ? ` after retry ${event.retry} of ${event.retries}` : ''}`,
        );
      case 'verify.output':
        return prefixLines('  verify | ', shorten(event.text.replace(/\n$/, ''), 2000));
      case 'verify.finished':
        return line(`verify: ${describeVerify(event.result)}${verifyVerdict(event)}`);
      case 'ranking.changed':
        return event.ranking.state === 'ranked' ? line(`group ranked by ${event.ranking.by}`) : line('group: judging');
      case 'group.stopped':
        return line(`group stopped: ${event.message}`);
      case 'overlaps.changed':
        return line(`overlap: ${describeOverlaps(event.overlaps)}`);
      case 'context.compacted':
        return line(`context compacted by ${event.method}: ${event.tokensBefore} → ${event.tokensAfter} tokens`);
      default: {
        const unreachable: never = event;
        return line(JSON.stringify(unreachable));
      }
    }
  }
}

/** What a verify run's end means for the task: going back to the agent, or where it ends. */
function verifyVerdict(event: Extract<ThreadEvent, { type: 'verify.finished' }>): string {
  if (event.result.passed) return ' — verified';
  if (event.willRetry) return ` — Verify failed, retry ${event.retry + 1} of ${event.retries}`;
  return ' — failed verification';
}

/** A queued message that will not run: the user took it back, or the task stopped first. */
function describeUnsent(message: ThreadItemOf<'user'>): string {
  const what =
    message.delivery === 'cancelled'
      ? 'cancelled your queued message'
      : 'queued message not sent, the task stopped first';
  return line(`${what}: ${shorten(message.text.replace(/\s+/g, ' '), 160)}`);
}

function line(text: string): string {
  return `${text}\n`;
}

function prefixLines(prefix: string, text: string): string {
  return text
    .split('\n')
    .map((part) => `${prefix}${part}\n`)
    .join('');
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
