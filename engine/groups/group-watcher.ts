import type { ThreadEvent } from '../../shared/events.js';
import type { Ranking } from '../../shared/ranking.js';
import { finishedStatuses, isActive } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { enforceGroupBudget } from './group-budget.js';
import { groupMembers, isSettledTask, rankedMembers } from './group-view.js';
import { rankGroup } from './rank-group.js';
import { startSynthesis } from './synthesize.js';

/** How often a group that has finished but whose last job is still closing is looked at again. */
const recheckMs = 25;

/** Events after which a group's ranking is out of date: work ended, checks ended, or a task joined. */
function changesRanking(event: ThreadEvent): boolean {
  switch (event.type) {
    case 'turn.ended':
    case 'verify.finished':
    case 'task.created':
      return true;
    case 'status.changed':
      return finishedStatuses.includes(event.status);
    default:
      return false;
  }
}

/**
 * Watches the store's events for groups of attempts: once a group settles (every task finished and checked) it is
 * ranked, never twice at once, and ranked again when it changes (a synthesis settles, an attempt is followed up).
 * After a ranking it starts the synthesis when the group asked for one. It also enforces group budgets on usage.
 */
export class GroupWatcher {
  private readonly dirty = new Set<string>();
  private readonly running = new Map<string, Promise<Ranking | null>>();
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  // Only an engine that stays up ranks by itself: a one-shot CLI engine would cut the judge off as it closes.
  private started = false;
  /** Problems the watcher ran into (a failed ranking or synthesis), for engine notices. */
  readonly problems: string[] = [];

  constructor(private readonly context: () => EngineContext) {}

  /** Looks at one recorded event (called for every event the store records). */
  observe(event: ThreadEvent): void {
    if (this.closed || event.type === 'ranking.changed' || event.type === 'group.stopped') return;
    const groupId = this.context().store.get(event.taskId)?.task.groupId;
    if (!groupId) return;
    if (event.type === 'usage') {
      // Recorded inside the store's own record(); the stop records events of its own, so it runs after.
      queueMicrotask(() => void this.checkBudget(groupId));
      return;
    }
    if (!changesRanking(event)) return;
    this.dirty.add(groupId);
    this.soon(0);
  }

  /**
   * Starts ranking by itself (the engine stays up and has resumed its queue), beginning with every group whose ranking
   * is missing or was cut short (the engine stopped while judging).
   */
  resume(): void {
    this.started = true;
    for (const record of this.context().store.all()) {
      const { groupId, ranking } = record.task;
      if (groupId && (ranking === null || ranking.state === 'judging')) this.dirty.add(groupId);
    }
    this.soon(0);
  }

  /** Ranks the group now (after a ranking in progress ends), whatever state its tasks are in. */
  async rankNow(groupId: string): Promise<Ranking | null> {
    await this.running.get(groupId)?.catch(() => undefined);
    this.dirty.delete(groupId);
    return this.run(groupId, true);
  }

  /** Stops watching and waits for rankings in progress to end (the judge call is cut off). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller.abort();
    await Promise.all([...this.running.values()].map((job) => job.catch(() => undefined)));
  }

  private soon(delayMs: number): void {
    if (this.closed || !this.started || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.check();
    }, delayMs);
  }

  private check(): void {
    let waiting = false;
    for (const groupId of [...this.dirty]) {
      if (this.running.has(groupId)) continue;
      const members = rankedMembers(groupMembers(this.context(), groupId));
      if (members.length === 0) {
        this.dirty.delete(groupId);
        continue;
      }
      if (!members.every((record) => isSettledTask(this.context(), record.task))) {
        // A finished job may still be closing (no event follows its end); look again shortly.
        waiting ||= members.every((record) => !record.task.verifying && !isActive(record.task.status));
        continue;
      }
      this.dirty.delete(groupId);
      void this.run(groupId);
    }
    if (waiting) this.soon(recheckMs);
  }

  private run(groupId: string, rethrow = false): Promise<Ranking | null> {
    const job = this.rankAndFollowUp(groupId, rethrow).finally(() => {
      this.running.delete(groupId);
      if (this.dirty.has(groupId)) this.soon(0);
    });
    this.running.set(groupId, job);
    return job;
  }

  private async rankAndFollowUp(groupId: string, rethrow: boolean): Promise<Ranking | null> {
    const context = this.context();
    try {
      const ranking = await rankGroup(context, groupId, this.controller.signal);
      if (ranking === null || this.closed) return ranking;
      const members = groupMembers(context, groupId);
      const options = members[0]?.task.groupOptions;
      const hasSynthesis = members.some((record) => record.task.groupRole === 'synthesis');
      if (options?.synthesize && !hasSynthesis && members.every((record) => record.task.groupStoppedBy === null))
        await startSynthesis(context, groupId);
      return ranking;
    } catch (error) {
      if (rethrow) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const problem = `Group ${groupId}: ranking or synthesis failed: ${reason}`;
      this.problems.push(problem);
      context.notices.push(problem);
      return null;
    }
  }

  private async checkBudget(groupId: string): Promise<void> {
    if (this.closed) return;
    await enforceGroupBudget(this.context(), groupId, groupMembers(this.context(), groupId)).catch((error: unknown) => {
      this.context().notices.push(`Group ${groupId}: stopping it at its budget failed: ${String(error)}`);
    });
  }
}
