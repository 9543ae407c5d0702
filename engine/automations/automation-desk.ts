import type { Automation, AutomationRun, InboxState } from '../../shared/automation.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError, toErrorData } from '../errors.js';
import type { HomePaths } from '../home.js';
import { AutomationStore } from './automation-store.js';
import { watchBranch } from './branch-watch.js';
import { commitEvents } from './commit-trigger.js';
import { findInboxRun, markRun, settleRuns } from './inbox.js';
import { RunStarter, type FiredEvent } from './run-starter.js';
import { ScheduleClock, lateAfterMs, type DueSlot } from './schedule-clock.js';
import { taskEvent } from './task-trigger.js';
import { VerifyTrigger } from './verify-trigger.js';
import { GithubTrigger } from './github-trigger.js';

/**
 * Owns automations: keeps them and their runs, fires their triggers (schedules, branch moves, other tasks' outcomes)
 * and turns what fires into runs. Only an engine that stays up fires triggers; a one-shot CLI engine can still create,
 * change and list them, and run one by hand.
 */
export class AutomationDesk {
  readonly store: AutomationStore;
  private readonly starter: RunStarter;
  private readonly clock: ScheduleClock;
  private readonly verifier: VerifyTrigger;
  private readonly github: GithubTrigger;
  private readonly watches = new Map<string, Promise<() => void>>();
  private readonly ownMerges = new Set<string>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private started = false;
  private closed = false;
  /** Problems a trigger ran into (an unreadable branch, a failed git call), for engine notices. */
  readonly problems: string[] = [];

  constructor(
    private readonly context: () => EngineContext,
    paths: HomePaths,
    private readonly emitChange: (change: EngineChange) => void,
  ) {
    this.store = new AutomationStore(paths.automations, paths.automationRuns);
    this.starter = new RunStarter(context, this.store, (run) => this.emitChange({ type: 'automation.ran', run }));
    this.clock = new ScheduleClock(
      (automation) => new Date(this.store.memoryOf(automation.id).lastSlot ?? automation.createdAt),
      (automation, slot) => this.scheduleDue(automation, slot),
    );
    this.verifier = new VerifyTrigger(
      context,
      this.store,
      (automation, event) => this.fire(automation, event),
      (id, problem) => this.reportProblem(id, problem),
    );
    this.github = new GithubTrigger(
      context,
      this.store,
      (automation, event) => this.fire(automation, event),
      (id, problem) => this.reportProblem(id, problem),
    );
  }

  /** Starts firing triggers and the runs that waited for a slot (a long-lived engine, once it has started). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (const record of this.context().store.all())
      if (record.task.mergedCommit) this.ownMerges.add(record.task.mergedCommit);
    for (const automation of this.store.list()) {
      this.arm(automation);
      this.serially(automation.id, () => this.starter.pump(automation));
    }
    this.settle(null);
  }

  /** Stops every trigger and waits for runs being started. */
  async close(): Promise<void> {
    this.closed = true;
    this.clock.close();
    for (const stop of this.watches.values()) (await stop)();
    this.watches.clear();
    await this.verifier.close();
    await this.github.close();
    await Promise.allSettled(this.chains.values());
  }

  /** Looks at one recorded event: merges Flotilla made, task outcomes for task triggers, runs that ended. */
  observe(event: ThreadEvent): void {
    if (event.type === 'merged') this.ownMerges.add(event.commit);
    if (!this.started || this.closed) return;
    if (event.type !== 'status.changed' && event.type !== 'merged' && event.type !== 'discarded') return;
    const task = this.context().store.get(event.taskId)?.task;
    if (!task) return;
    // After the store has applied the event, so the task's status and verify result are current.
    queueMicrotask(() => {
      for (const automation of this.store.list()) {
        if (automation.paused) continue;
        const fired = taskEvent(automation, event, task);
        if (fired) this.fire(automation, fired);
      }
      const owner = task.automation ? this.store.get(task.automation.automationId) : null;
      if (!owner) return;
      if (event.type === 'merged' || event.type === 'discarded') this.markDone(task.automation?.runId ?? '');
      this.settle(owner.id);
      this.serially(owner.id, () => this.starter.pump(owner));
    });
  }

  /** Marks a run read, unread or archived (by its id or a task's). */
  mark(reference: string, state: InboxState): AutomationRun {
    const run = markRun(this.store, findInboxRun(this.store, reference), state);
    this.emitChange({ type: 'automation.ran', run });
    return run;
  }

  /** Settles the runs whose tasks have all finished into the inbox or the archive, and tells every client. */
  private settle(automationId: string | null): void {
    for (const run of settleRuns(this.context(), this.store, automationId))
      this.emitChange({ type: 'automation.ran', run });
  }

  /** A run whose task was merged or discarded has been dealt with: read, unless the person archived it. */
  private markDone(runId: string): void {
    const run = this.store.run(runId);
    if (run?.inbox === 'unread') this.mark(run.id, 'read');
  }

  /** The automation an id or a name refers to, or a clear error. */
  resolve(ref: string): Automation {
    return this.store.resolve(ref);
  }

  /** Saves an automation as created or changed (already checked), and (re)arms its trigger. */
  save(automation: Automation): Automation {
    const withNext = { ...automation, nextRunAt: this.clock.nextRun(automation)?.toISOString() ?? null };
    this.store.put(withNext);
    this.arm(withNext);
    this.emitChange({ type: 'automation.changed', automation: withNext });
    return withNext;
  }

  /** Removes an automation and stops its trigger. */
  remove(automation: Automation): void {
    this.store.remove(automation.id);
    this.disarm(automation.id);
    this.emitChange({ type: 'automation.removed', automationId: automation.id });
  }

  /** Runs an automation now, by hand. */
  async runNow(automation: Automation): Promise<AutomationRun> {
    const run = await this.serially(automation.id, () =>
      this.starter.fire(automation, { reason: 'run by hand', eventKey: null, variables: {} }),
    );
    if (run === null) throw new EngineError('invalidInput', 'The run was refused.');
    return run;
  }

  /** Fires an automation for an event, one event at a time per automation (so limits count every run). */
  fire(automation: Automation, event: FiredEvent): Promise<AutomationRun | null> {
    return this.serially(automation.id, async () => {
      const current = this.store.get(automation.id);
      if (current === null || this.closed) return null;
      const run = await this.starter.fire(current, event);
      // A trigger that fired works again: its last problem is over.
      const now = this.store.get(automation.id);
      if (run?.state === 'started' && now?.problem) this.save({ ...now, problem: null });
      return run;
    });
  }

  /** Records what keeps an automation's trigger from working, on the automation, so every client shows it. */
  private reportProblem(automationId: string, problem: string): void {
    this.problems.push(problem);
    const automation = this.store.get(automationId);
    if (automation && automation.problem !== problem) this.save({ ...automation, problem });
  }

  private serially<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch((error: unknown) => {
      this.problems.push(`Automation ${id}: ${toErrorData(error).message}`);
    });
    this.chains.set(id, settled);
    return next;
  }

  private arm(automation: Automation): void {
    if (!this.started || this.closed) return;
    this.clock.arm(automation, automation.id);
    this.github.arm(automation, automation.id);
    this.disarm(automation.id, false);
    const { on } = automation.trigger;
    if ((on !== 'commit' && on !== 'verifyFailed') || automation.paused) return;
    const repoPath = this.context().config.repos.get(automation.repoId)?.repo.path;
    if (!repoPath) return;
    const check = () => void this.checkCommits(automation.id);
    const stop = watchBranch(repoPath, automation.trigger.branch, check).catch((error: unknown) => {
      this.reportProblem(
        automation.id,
        `Automation ${automation.name} cannot watch its branch: ${toErrorData(error).message}`,
      );
      return () => {};
    });
    this.watches.set(automation.id, stop);
    check();
  }

  private disarm(id: string, clock = true): void {
    if (clock) {
      this.clock.arm(null, id);
      this.github.arm(null, id);
    }
    const stop = this.watches.get(id);
    this.watches.delete(id);
    void stop?.then((close) => close());
  }

  private async checkCommits(id: string): Promise<void> {
    await this.serially(`${id}:commits`, async () => {
      const automation = this.store.get(id);
      if (automation === null || automation.paused || this.closed) return;
      if (automation.trigger.on === 'verifyFailed') return this.verifier.look(automation, this.ownMerges);
      for (const event of await commitEvents(this.context(), this.store, automation, this.ownMerges))
        await this.fire(automation, event);
    });
  }

  private scheduleDue(automation: Automation, slot: DueSlot): void {
    if (automation.trigger.on !== 'schedule') return;
    this.store.setMemory(automation.id, { lastSlot: slot.due.toISOString() });
    const late = slot.lateByMs > lateAfterMs;
    const missed = slot.skipped > 0 ? `; ${slot.skipped} earlier slot${slot.skipped === 1 ? '' : 's'} also passed` : '';
    const lateness = late
      ? `, late by ${describeDuration(slot.lateByMs)} (the machine slept or the engine was not running${missed})`
      : '';
    const { cron } = automation.trigger;
    void this.fire(automation, {
      reason: `schedule ${cron}, due ${slot.due.toISOString()}${lateness}`,
      eventKey: `slot:${slot.due.toISOString()}`,
      late,
      variables: {
        'schedule.cron': cron,
        'schedule.due': slot.due.toISOString(),
        'schedule.late': late ? 'yes' : 'no',
      },
    });
    const current = this.store.get(automation.id);
    if (current) {
      const next = { ...current, nextRunAt: this.clock.nextRun(current)?.toISOString() ?? null };
      this.store.put(next);
      this.emitChange({ type: 'automation.changed', automation: next });
    }
  }
}

function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}
