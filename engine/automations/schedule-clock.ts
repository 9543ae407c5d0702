import type { Automation } from '../../shared/automation.js';
import { latestSlotBetween, nextSlot } from './cron.js';

/** A schedule slot that came due. */
export interface DueSlot {
  due: Date;
  /** How long after its slot it fired: more than a few seconds means the machine slept or the engine was down. */
  lateByMs: number;
  /** Slots that passed unfired besides this one (they are not run again: a missed schedule runs once). */
  skipped: number;
}

/** Lateness up to this is a timer's ordinary jitter, not a missed run. */
export const lateAfterMs = 15_000;
/** The longest a timer waits before looking at the clock again, so a machine waking from sleep notices soon. */
const maxWaitMs = 30_000;

/**
 * Fires schedule automations at their slots. Each one waits on its own timer, never longer than 30 s at a time, and
 * compares with the wall clock when it wakes: a slot that passed while the machine slept (or the engine was not
 * running, from the last slot remembered) fires once, late, and says so.
 */
export class ScheduleClock {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly lastSlot: (automation: Automation) => Date,
    private readonly onDue: (automation: Automation, slot: DueSlot) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts, restarts or stops the automation's timer after it was created, changed, paused or removed. */
  arm(automation: Automation | null, id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    if (this.closed || automation === null || automation.paused || automation.trigger.on !== 'schedule') return;
    this.check(automation);
  }

  /** When the automation fires next (null when it is not a running schedule). */
  nextRun(automation: Automation): Date | null {
    if (automation.paused || automation.trigger.on !== 'schedule') return null;
    const { cron, timezone } = automation.trigger;
    const after = this.lastSlot(automation);
    const next = nextSlot(cron, timezone, after);
    return next && next < this.now() ? this.now() : next;
  }

  /** Stops every timer. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private check(automation: Automation): void {
    if (automation.trigger.on !== 'schedule') return;
    const { cron, timezone } = automation.trigger;
    const now = this.now();
    const after = this.lastSlot(automation);
    const due = latestSlotBetween(cron, timezone, after, now);
    if (due !== null) {
      const first = nextSlot(cron, timezone, after) ?? due;
      const skipped = due.getTime() === first.getTime() ? 0 : countSlots(cron, timezone, first, due);
      this.onDue(automation, { due, lateByMs: now.getTime() - due.getTime(), skipped });
    }
    const next = nextSlot(cron, timezone, due ?? after);
    if (next === null || this.closed) return;
    const wait = Math.min(Math.max(0, next.getTime() - this.now().getTime()), maxWaitMs);
    const timer = setTimeout(() => {
      this.timers.delete(automation.id);
      this.check(automation);
    }, wait);
    timer.unref();
    this.timers.set(automation.id, timer);
  }
}

/** Slots from `first` up to and including `last`, minus one (the one that fires); counted up to a thousand. */
function countSlots(cron: string, timezone: string | null, first: Date, last: Date): number {
  let count = 0;
  let at: Date | null = first;
  while (at !== null && at < last && count < 1_000) {
    at = nextSlot(cron, timezone, at);
    count += 1;
  }
  return count;
}
