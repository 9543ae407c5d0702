import { budgetReached, budgetStopMessage } from '../../shared/budget.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { TaskRecord } from './task-record.js';

/**
 * Watches a turn's usage against the task's budgets, the same way for every agent: once the task's
 * totals reach a budget, `signal` aborts so the agent stops before spending more, and `reached`
 * says which budget and what to do.
 */
export class BudgetGuard {
  private readonly controller = new AbortController();
  /** The stop message once a budget was reached during the turn; null while within budget. */
  reached: string | null = null;
  /** Aborts when the user stops the task or a budget is reached. */
  readonly signal: AbortSignal;

  constructor(
    private readonly record: TaskRecord,
    stop: AbortSignal,
  ) {
    this.signal = AbortSignal.any([stop, this.controller.signal]);
  }

  /** Checks the budgets after an event was recorded (only usage moves them). */
  observe(event: ThreadEvent): void {
    if (event.type !== 'usage' || this.reached !== null) return;
    const reached = budgetReached(this.record.task);
    if (reached === null) return;
    this.reached = budgetStopMessage(reached);
    this.controller.abort(new Error(this.reached));
  }
}
