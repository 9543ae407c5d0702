import { randomBytes } from 'node:crypto';
import type { Automation, AutomationLabel, AutomationRun } from '../../shared/automation.js';
import { renderPrompt } from '../../shared/automation-variables.js';
import type { EngineContext } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { createTasks } from '../tasks/create-task.js';
import type { AutomationStore } from './automation-store.js';
import { dayLimitReason, localDay, runIsActive } from './run-limits.js';
import { reportInstruction } from './run-outcome.js';

/** What fired an automation: the reason in words, the duplicate key, and the prompt's variable values. */
export interface FiredEvent {
  reason: string;
  /** Two events with the same key start one run (null: never a duplicate, as a run by hand). */
  eventKey: string | null;
  variables: Record<string, string>;
  late?: boolean;
  /** Automations that led here (a task trigger fired by another automation's task). */
  depth?: number;
}

/** Runs waiting for a free slot, per automation; past it, a new event is skipped rather than queued. */
export const maxQueuedRuns = 20;

/**
 * Turns fired events into runs: refuses duplicates, applies the automation's limits (skipping with the reason, or
 * queueing while it is busy), starts the runs' tasks, and starts queued runs as slots free up. Every run is recorded.
 */
export class RunStarter {
  constructor(
    private readonly context: () => EngineContext,
    private readonly store: AutomationStore,
    private readonly announce: (run: AutomationRun) => void,
  ) {}

  /** Records a run for the event and starts it, queues it or skips it; null for a duplicate event. */
  async fire(automation: Automation, event: FiredEvent): Promise<AutomationRun | null> {
    if (event.eventKey !== null && this.store.seen(automation.id, event.eventKey)) return null;
    const now = new Date();
    const run: AutomationRun = {
      id: randomBytes(5).toString('hex'),
      automationId: automation.id,
      firedAt: now.toISOString(),
      reason: event.reason,
      late: event.late ?? false,
      eventKey: event.eventKey,
      variables: { ...this.commonVariables(automation, event.reason, now), ...event.variables },
      state: 'queued',
      detail: null,
      taskIds: [],
      startedAt: null,
      inbox: null,
      outcome: null,
    };
    const runs = this.store.listRuns(automation.id, Number.MAX_SAFE_INTEGER);
    const limit = dayLimitReason(this.context(), automation, runs, now);
    if (limit !== null) return this.save({ ...run, state: 'skipped', detail: limit });
    if ((event.depth ?? 0) > maxChainDepth)
      return this.save({
        ...run,
        state: 'skipped',
        detail: `${maxChainDepth} automations already led to this event; a longer chain is likely a loop.`,
      });
    const active = runs.filter((other) => runIsActive(this.context(), other)).length;
    const queued = runs.filter((other) => other.state === 'queued').length;
    if (active + queued >= automation.limits.maxConcurrent) {
      if (automation.limits.whenBusy === 'skip' || queued >= maxQueuedRuns)
        return this.save({ ...run, state: 'skipped', detail: busyReason(automation, active, queued) });
      return this.save({
        ...run,
        detail: `Waiting: ${active} run${active === 1 ? '' : 's'} already working (the limit is ${automation.limits.maxConcurrent}).`,
      });
    }
    return this.start(automation, run, event.depth ?? 0);
  }

  /** Starts the oldest queued runs of the automation while it has free slots (after a run ends, or at start-up). */
  async pump(automation: Automation): Promise<void> {
    const runs = this.store.listRuns(automation.id, Number.MAX_SAFE_INTEGER);
    let active = runs.filter((run) => runIsActive(this.context(), run)).length;
    const queued = runs.filter((run) => run.state === 'queued').reverse();
    for (const run of queued) {
      if (active >= automation.limits.maxConcurrent) return;
      const limit = dayLimitReason(this.context(), automation, runs, new Date());
      if (limit !== null) {
        this.save({ ...run, state: 'skipped', detail: limit });
        continue;
      }
      await this.start(automation, run, 0);
      active += 1;
    }
  }

  private async start(automation: Automation, run: AutomationRun, depth: number): Promise<AutomationRun> {
    const { template } = automation;
    const label: AutomationLabel = {
      automationId: automation.id,
      name: automation.name,
      runId: run.id,
      reason: run.reason,
      depth,
    };
    const { trigger } = automation;
    const branch = trigger.on === 'commit' || trigger.on === 'verifyFailed' ? trigger.branch : undefined;
    const base = template.base ?? branch;
    try {
      const tasks = await createTasks(
        this.context(),
        {
          repoId: automation.repoId,
          prompt: renderPrompt(template.prompt, run.variables) + reportInstruction,
          ...(base ? { base } : {}),
          ...(template.agents ? { agents: template.agents } : {}),
          ...(template.model ? { model: template.model } : {}),
          attempts: template.attempts,
          ...(template.costBudgetUsd !== null ? { costBudgetUsd: template.costBudgetUsd } : {}),
          ...(template.tokenBudget !== null ? { tokenBudget: template.tokenBudget } : {}),
          ...(template.verifyCommand !== null ? { verifyCommand: template.verifyCommand } : {}),
          ...(template.verifyRetries !== null ? { verifyRetries: template.verifyRetries } : {}),
        },
        label,
      );
      const detail = `Started ${tasks.length === 1 ? 'task' : 'tasks'} ${tasks.map((task) => task.id).join(', ')}.`;
      const started = new Date().toISOString();
      return this.save({ ...run, state: 'started', detail, taskIds: tasks.map((task) => task.id), startedAt: started });
    } catch (error) {
      return this.save({ ...run, state: 'failed', detail: `Could not start its task: ${toErrorData(error).message}` });
    }
  }

  private save(run: AutomationRun): AutomationRun {
    this.store.recordRun(run);
    this.announce(run);
    return run;
  }

  private commonVariables(automation: Automation, reason: string, now: Date): Record<string, string> {
    const repo = this.context().config.repos.get(automation.repoId)?.repo;
    return {
      'automation.name': automation.name,
      'repo.name': repo?.name ?? '',
      'repo.path': repo?.path ?? '',
      'run.reason': reason,
      'run.date': localDay(now),
      'run.time': now.toISOString(),
    };
  }
}

/** Automations that may lead to one another through task triggers before a run is refused as a likely loop. */
export const maxChainDepth = 3;

function busyReason(automation: Automation, active: number, queued: number): string {
  const { maxConcurrent, whenBusy } = automation.limits;
  if (whenBusy === 'skip')
    return `Skipped: ${active} run${active === 1 ? '' : 's'} already working (the limit is ${maxConcurrent}, and busy events are skipped).`;
  return `Skipped: ${queued} runs already wait for a slot (at most ${maxQueuedRuns} wait).`;
}
