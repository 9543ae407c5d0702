import { rankingRule } from './group-ranking.js';
import type { Ranking } from './ranking.js';
import { describeBudgetChange, totalTokens } from './budget.js';
import type { ThreadEvent } from './events.js';
import { MessageQueue } from './message-queue.js';
import { describeOverlaps } from './overlap-words.js';
import { describePullRequestChange } from './pull-request-words.js';
import {
  defaultThreadLimits,
  keepTail,
  type ThreadItem,
  type ThreadItemOf,
  type ThreadLimits,
} from './thread-items.js';

/** Statuses worth a line in the thread; the others show in the header and sidebar. */
const shownStatuses = new Set(['done', 'failed', 'stopped', 'interrupted']);

/**
 * Builds a thread's items from its events incrementally: each batch touches only the items it
 * changes (new objects for those, the same objects for the rest), so a long thread costs work
 * proportional to the new events, not to its length. Events at or below `lastSeq` are ignored.
 */
export class ThreadBuilder {
  /** The current items; a new array after every change, so it can be stored as-is. Queued messages come last. */
  items: readonly ThreadItem[] = [];
  /** The items in the order things happened, without the queued messages. */
  private settled: readonly ThreadItem[] = [];
  /** Highest sequence number applied. */
  lastSeq = 0;
  /** How many old items were dropped to bound memory. */
  dropped = 0;
  private readonly toolAt = new Map<string, number>();
  private readonly approvalAt = new Map<string, number>();
  /** The verify run in progress, if any. */
  private verifyAt: number | null = null;
  /** The thread's last overlap line, which a change of overlaps right after it updates instead of adding another. */
  private overlapAt: number | null = null;
  /** User messages shown in place that still wait for their turn, by seq. */
  private readonly userAt = new Map<number, number>();
  private readonly messages = new MessageQueue();
  /** Messages sent while a turn ran: shown after everything else until their turn starts. */
  private queued: readonly ThreadItemOf<'user'>[] = [];
  private queuedChanged = false;
  private turnRunning = false;
  private openPhases: number | null = null;
  /** The turn in progress: when it started and what its model calls used so far. */
  private turn: { startedAt: string | null; tokens: number; costUsd: number } = {
    startedAt: null,
    tokens: 0,
    costUsd: 0,
  };
  private draft: ThreadItem[] | null = null;
  private readonly touched = new Map<string, ThreadItem>();
  /**
   * Events about something this builder never saw start (a tool's output or end, an approval's answer, a verify run's
   * output or end): a builder that began mid-thread hands them to the page before it (see thread-pages.ts).
   */
  readonly orphans: ThreadEvent[] = [];
  /** The first turn's end when its start came before this builder's first event (its time and usage are partial). */
  leadingTurnEnd: string | null = null;
  private sawTurnStart = false;

  constructor(private readonly limits: ThreadLimits = defaultThreadLimits) {}

  /** The turn still running after the last event: when it started (null when unseen) and what it used so far. */
  get openTurn(): { startedAt: string | null; tokens: number; costUsd: number } {
    return { ...this.turn };
  }

  /** Replaces the item with this id (e.g. when an earlier page completes it); returns false when none has it. */
  revise(id: string, update: (item: ThreadItem) => ThreadItem): boolean {
    const index = this.settled.findIndex((item) => item.id === id);
    if (index === -1) return false;
    this.touched.clear();
    this.replace(this.dropped + index, update(this.settled[index] as ThreadItem));
    this.settled = this.draft as ThreadItem[];
    this.draft = null;
    this.items = this.queued.length > 0 ? [...this.settled, ...this.queued] : this.settled;
    return true;
  }

  private orphan(event: ThreadEvent): void {
    // Bounded: a page's worth of loose ends is plenty to complete the page before it.
    if (this.orphans.length < 5_000) this.orphans.push(event);
  }

  /** Folds events in; returns true when the items changed. */
  apply(events: readonly ThreadEvent[]): boolean {
    this.touched.clear();
    for (const event of events) {
      if (event.seq <= this.lastSeq) continue;
      this.lastSeq = event.seq;
      this.fold(event);
      this.followQueue(event);
    }
    if (!this.draft && !this.queuedChanged) return false;
    if (this.draft) this.settled = this.draft;
    this.draft = null;
    this.queuedChanged = false;
    this.trim();
    this.items = this.queued.length > 0 ? [...this.settled, ...this.queued] : this.settled;
    return true;
  }

  private get list(): ThreadItem[] {
    this.draft ??= this.settled.slice();
    return this.draft;
  }

  /** Moves messages between the queue at the end and their place, as their turns start or they are taken back. */
  private followQueue(event: ThreadEvent): void {
    const behindTurn = event.type === 'user.message' && (this.turnRunning || this.messages.waiting.length > 0);
    const change = this.messages.fold(event);
    if (event.type === 'turn.started') this.turnRunning = true;
    if (event.type === 'turn.ended') this.turnRunning = false;
    if (event.type === 'user.message') {
      const item: ThreadItemOf<'user'> = {
        seq: event.seq,
        at: event.at,
        kind: 'user',
        id: `user-${event.seq}`,
        text: event.text,
        delivery: behindTurn ? 'queued' : 'sent',
        origin: event.origin ?? 'user',
      };
      if (behindTurn) this.setQueued([...this.queued, item]);
      else this.userAt.set(event.seq, this.push(item));
      return;
    }
    if (change.started !== null) this.settle(change.started, 'sent');
    const delivery = change.why === 'cancelled' ? 'cancelled' : 'dropped';
    for (const seq of change.removed) this.settle(seq, delivery);
  }

  /**
   * Puts a message that has left the queue in its place: at the end of what happened so far, or where it already is.
   */
  private settle(seq: number, delivery: ThreadItemOf<'user'>['delivery']): void {
    const queued = this.queued.find((item) => item.seq === seq);
    if (queued) {
      this.setQueued(this.queued.filter((item) => item !== queued));
      this.push({ ...queued, delivery });
      return;
    }
    const position = this.userAt.get(seq);
    this.userAt.delete(seq);
    const shown = this.at(position, 'user');
    if (shown && position !== undefined && shown.delivery !== delivery) this.replace(position, { ...shown, delivery });
  }

  /**
   * The items the last `apply` added or changed, each as it is now, in the order first touched (for printing a thread
   * as it grows).
   */
  get changed(): readonly ThreadItem[] {
    return [...this.touched.values()];
  }

  private setQueued(queued: readonly ThreadItemOf<'user'>[]): void {
    for (const item of queued) if (!this.queued.includes(item)) this.touched.set(item.id, item);
    this.queued = queued;
    this.queuedChanged = true;
  }

  private push(item: ThreadItem): number {
    this.touched.set(item.id, item);
    this.list.push(item);
    return this.dropped + this.list.length - 1;
  }

  private at<K extends ThreadItem['kind']>(absolute: number | null | undefined, kind: K): ThreadItemOf<K> | null {
    if (absolute === null || absolute === undefined) return null;
    const item = this.list[absolute - this.dropped];
    return item?.kind === kind ? (item as ThreadItemOf<K>) : null;
  }

  private replace(absolute: number, item: ThreadItem): void {
    this.touched.set(item.id, item);
    this.list[absolute - this.dropped] = item;
  }

  private appendText(kind: 'assistant' | 'reasoning', event: ThreadEvent & { text: string }): void {
    const list = this.list;
    const last = list[list.length - 1];
    if (last?.kind === kind) {
      if (last.truncated) return;
      const text = last.text + event.text;
      const truncated = text.length > this.limits.maxTextChars;
      this.replace(this.dropped + list.length - 1, {
        ...last,
        text: truncated ? text.slice(0, this.limits.maxTextChars) : text,
        truncated,
      });
      return;
    }
    this.push({ kind, id: `${kind}-${event.seq}`, seq: event.seq, at: event.at, text: event.text, truncated: false });
  }

  private fold(event: ThreadEvent): void {
    switch (event.type) {
      case 'user.message':
      case 'message.cancelled':
        // Placed by followQueue.
        return;
      case 'agent.text':
        return this.appendText('assistant', event);
      case 'agent.reasoning':
        return this.appendText('reasoning', event);
      case 'tool.started': {
        const tool: ThreadItem = {
          seq: event.seq,
          at: event.at,
          kind: 'tool',
          id: `tool-${event.seq}`,
          callId: event.callId,
          name: event.name,
          input: event.input,
          output: '',
          outputTruncated: false,
          state: 'running',
          result: null,
          durationMs: null,
        };
        this.toolAt.set(event.callId, this.push(tool));
        return;
      }
      case 'tool.output': {
        const position = this.toolAt.get(event.callId);
        const tool = this.at(position, 'tool');
        if (!tool || position === undefined) return this.orphan(event);
        const output = keepTail(tool.output + event.text, this.limits.maxOutputChars);
        this.replace(position, {
          ...tool,
          output: output.text,
          outputTruncated: tool.outputTruncated || output.truncated,
        });
        return;
      }
      case 'tool.finished': {
        const position = this.toolAt.get(event.callId);
        const tool = this.at(position, 'tool');
        if (!tool || position === undefined) return this.orphan(event);
        const result = keepTail(event.result, this.limits.maxOutputChars).text;
        // Bash returns what it printed as its result; the live output then says it a second time.
        const output = repeatedIn(tool.output, result) ? { output: '', outputTruncated: false } : {};
        this.replace(position, {
          ...tool,
          ...output,
          state: event.ok ? 'ok' : 'error',
          result,
          durationMs: event.durationMs,
        });
        return;
      }
      case 'phase.changed': {
        let phases = this.at(this.openPhases, 'phases');
        if (!phases || this.openPhases === null) {
          this.openPhases = this.push({
            seq: event.seq,
            at: event.at,
            kind: 'phases',
            id: `phases-${event.seq}`,
            phases: [],
            output: '',
            state: 'running',
          });
          phases = this.at(this.openPhases, 'phases') as ThreadItemOf<'phases'>;
        }
        const row = { phase: event.phase, state: event.state, durationMs: event.durationMs, detail: event.detail };
        const index = phases.phases.findIndex((existing) => existing.phase === event.phase);
        const rows =
          index === -1 ? [...phases.phases, row] : phases.phases.map((existing, at) => (at === index ? row : existing));
        const state =
          event.state === 'failed'
            ? 'failed'
            : event.phase === 'ready' && event.state === 'finished'
              ? 'ready'
              : 'running';
        this.replace(this.openPhases, { ...phases, phases: rows, state });
        if (state !== 'running') this.openPhases = null;
        return;
      }
      case 'phase.output': {
        const phases = this.at(this.openPhases, 'phases');
        if (!phases || this.openPhases === null) return;
        this.replace(this.openPhases, {
          ...phases,
          output: keepTail(phases.output + event.text, this.limits.maxOutputChars).text,
        });
        return;
      }
      case 'approval.requested':
        this.approvalAt.set(
          event.requestId,
          this.push({
            seq: event.seq,
            at: event.at,
            kind: 'approval',
            id: `approval-${event.seq}`,
            requestId: event.requestId,
            tool: event.tool,
            input: event.input,
            summary: event.summary,
            decision: null,
            by: null,
          }),
        );
        return;
      case 'approval.resolved': {
        const position = this.approvalAt.get(event.requestId);
        const approval = this.at(position, 'approval');
        if (approval && position !== undefined)
          this.replace(position, { ...approval, decision: event.decision, by: event.by });
        else this.orphan(event);
        return;
      }
      case 'turn.ended': {
        const started = this.turn.startedAt === null ? Number.NaN : Date.parse(this.turn.startedAt);
        const durationMs = Number.isFinite(started) ? Math.max(0, Date.parse(event.at) - started) : null;
        if (!this.sawTurnStart && this.leadingTurnEnd === null) this.leadingTurnEnd = `turn-${event.seq}`;
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'turnEnded',
          id: `turn-${event.seq}`,
          turn: event.turn,
          reason: event.reason,
          message: event.message,
          tokens: this.turn.tokens,
          costUsd: this.turn.costUsd,
          durationMs,
        });
        this.turn = { startedAt: null, tokens: 0, costUsd: 0 };
        return;
      }
      case 'turn.started':
        this.sawTurnStart = true;
        this.turn = { startedAt: event.at, tokens: 0, costUsd: 0 };
        return;
      case 'usage':
        this.turn.tokens += totalTokens(event);
        this.turn.costUsd += event.costUsd;
        return;
      case 'status.changed':
        if (shownStatuses.has(event.status))
          this.push({
            seq: event.seq,
            at: event.at,
            kind: 'status',
            id: `status-${event.seq}`,
            status: event.status,
            message: this.unlessJustSaid(event.message),
          });
        return;
      case 'notice':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'notice',
          id: `notice-${event.seq}`,
          level: event.level,
          message: event.message,
        });
        return;
      case 'error':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'error',
          id: `error-${event.seq}`,
          code: event.code,
          message: event.message,
        });
        return;
      case 'checkpoint':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'checkpoint',
          id: `checkpoint-${event.seq}`,
          commit: event.commit,
          message: event.message,
          changes: event.changes ?? null,
        });
        return;
      case 'context.compacted':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'compacted',
          id: `compacted-${event.seq}`,
          method: event.method,
          summary: event.summary,
          tokensBefore: event.tokensBefore,
          tokensAfter: event.tokensAfter,
        });
        return;
      case 'merged':
        this.pushGit(event, 'merged', `Merged into ${event.into} (${event.mode}) as ${event.commit.slice(0, 10)}`);
        return;
      case 'discarded':
        this.pushGit(event, 'discarded', `Discarded; the work is kept at ${event.archiveRef}`);
        return;
      case 'base.merged':
        this.pushGit(
          event,
          'broughtInBase',
          `Brought in ${event.base} at ${event.baseCommit.slice(0, 10)}${event.conflicts.length > 0 ? `; conflicts to resolve in ${event.conflicts.join(', ')}` : ''}`,
        );
        return;
      case 'pushed':
        this.pushGit(
          event,
          'pushed',
          `Pushed ${event.pushed.branch} to ${event.pushed.remote} at ${event.pushed.commit.slice(0, 10)}`,
        );
        return;
      case 'pullRequest.changed':
        // Refreshes only move the state and checks the header shows; the thread tells the opening.
        if (event.origin !== 'refreshed')
          this.pushGit(event, 'pullRequest', describePullRequestChange(event.pullRequest, event.origin));
        return;
      case 'restored':
        this.pushGit(event, 'restored', `Restored on ${event.branch} at ${event.worktreePath}`);
        return;
      case 'branch.rolledBack':
        this.pushGit(
          event,
          'rolledBack',
          `Rolled back to checkpoint ${event.commit.slice(0, 10)}; the later work is kept at ${event.archiveRef}`,
        );
        return;
      case 'worktree.removed':
        this.pushGit(
          event,
          'worktreeRemoved',
          `Removed the worktree ${event.worktreePath}; the branch ${event.branch} keeps the work, and a message brings the worktree back`,
        );
        return;
      case 'sibling.merged':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'notice',
          id: `notice-${event.seq}`,
          level: 'info',
          message: `Another attempt (${event.siblingId}) was merged into ${event.into} as ${event.commit.slice(0, 10)}; this attempt's work was not merged and is still on its branch.`,
        });
        return;
      case 'budget.changed':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'notice',
          id: `notice-${event.seq}`,
          level: 'info',
          message: describeBudgetChange(event),
        });
        return;
      case 'sandbox.detected':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'sandbox',
          id: `sandbox-${event.seq}`,
          sandbox: event.sandbox,
          detail: event.detail,
        });
        return;
      case 'verify.started':
        this.verifyAt = this.push({
          seq: event.seq,
          at: event.at,
          kind: 'verify',
          id: `verify-${event.seq}`,
          command: event.command,
          trigger: event.trigger,
          retry: event.retry,
          retries: event.retries,
          output: '',
          outputTruncated: false,
          state: 'running',
          result: null,
          willRetry: false,
        });
        return;
      case 'verify.output': {
        const verify = this.at(this.verifyAt ?? undefined, 'verify');
        if (!verify || this.verifyAt === null) return this.orphan(event);
        const output = keepTail(verify.output + event.text, this.limits.maxOutputChars);
        this.replace(this.verifyAt, {
          ...verify,
          output: output.text,
          outputTruncated: verify.outputTruncated || output.truncated,
        });
        return;
      }
      case 'verify.finished': {
        const verify = this.at(this.verifyAt ?? undefined, 'verify');
        if (!verify || this.verifyAt === null) return this.orphan(event);
        this.replace(this.verifyAt, {
          ...verify,
          state: event.result.passed ? 'passed' : 'failed',
          result: event.result,
          willRetry: event.willRetry,
        });
        this.verifyAt = null;
        return;
      }
      case 'ranking.changed':
        if (event.ranking.state !== 'ranked') return;
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'notice',
          id: `notice-${event.seq}`,
          level: 'info',
          message: describeRank(event.taskId, event.ranking),
        });
        return;
      case 'group.stopped':
        this.push({
          seq: event.seq,
          at: event.at,
          kind: 'notice',
          id: `notice-${event.seq}`,
          level: 'warning',
          message: event.message,
        });
        return;
      case 'overlaps.changed': {
        const level = event.overlaps.length > 0 ? 'warning' : 'info';
        const message = describeOverlaps(event.overlaps);
        const last = this.at(this.overlapAt, 'notice');
        if (last && this.overlapAt === this.dropped + this.list.length - 1) {
          this.replace(this.overlapAt, { ...last, level, message });
          return;
        }
        this.overlapAt = this.push({
          seq: event.seq,
          at: event.at,
          kind: 'notice',
          id: `notice-${event.seq}`,
          level,
          message,
        });
        return;
      }
      case 'task.created':
      case 'changes.counted':
      case 'task.renamed':
      case 'task.archived':
        return;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  }

  /** A git action's line in the thread (merge, discard, bring in base, push, restore, rollback, worktree removal). */
  private pushGit(event: ThreadEvent, action: ThreadItemOf<'git'>['action'], text: string): void {
    this.push({ seq: event.seq, at: event.at, kind: 'git', id: `git-${event.seq}`, action, text });
  }

  /** A status message repeats the turn's ending message; say it once. */
  private unlessJustSaid(message: string | null): string | null {
    const list = this.list;
    const last = list[list.length - 1];
    return last?.kind === 'turnEnded' && last.message === message ? null : message;
  }

  private trim(): void {
    const excess = this.settled.length - this.limits.maxItems;
    if (excess <= 0) return;
    // Drop a tenth more than needed so trimming (a copy) happens rarely.
    const drop = Math.min(this.settled.length, excess + Math.ceil(this.limits.maxItems / 10));
    this.settled = this.settled.slice(drop);
    this.dropped += drop;
    for (const map of [this.toolAt, this.approvalAt]) {
      for (const [key, position] of map) if (position < this.dropped) map.delete(key);
    }
    for (const [seq, position] of this.userAt) if (position < this.dropped) this.userAt.delete(seq);
    if (this.openPhases !== null && this.openPhases < this.dropped) this.openPhases = null;
    if (this.verifyAt !== null && this.verifyAt < this.dropped) this.verifyAt = null;
    if (this.overlapAt !== null && this.overlapAt < this.dropped) this.overlapAt = null;
  }
}

/** True when a tool's streamed output is all in its result, so showing the result alone loses nothing. */
function repeatedIn(output: string, result: string): boolean {
  const shown = output.trim();
  return shown !== '' && result.includes(shown);
}

/** This attempt's place in its group's ranking, in words, for its thread. */
function describeRank(taskId: string, ranking: Ranking): string {
  const entry = ranking.entries.find((candidate) => candidate.taskId === taskId);
  const by = ranking.by === 'judge' ? `the judge (${ranking.model ?? 'judge model'})` : `the rule (${rankingRule})`;
  if (!entry) return `The group was ranked by ${by}; this task was not among the ranked attempts.`;
  const verdict = entry.verdict ? `: ${entry.verdict}` : '';
  return `Ranked ${entry.rank} of ${ranking.entries.length} by ${by}${verdict}`;
}
