import { afterEach, describe, expect, it } from 'vitest';
import type { Automation } from '../../shared/automation.js';
import { ScheduleClock, type DueSlot } from './schedule-clock.js';

const clocks: ScheduleClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.close();
});

function scheduled(cron: string, timezone: string | null = 'UTC'): Automation {
  return {
    id: 'a1',
    name: 'deps',
    repoId: 'r1',
    trigger: { on: 'schedule', cron, timezone },
    template: {
      prompt: 'Update dependencies',
      agents: null,
      model: null,
      attempts: 1,
      base: null,
      costBudgetUsd: null,
      tokenBudget: null,
      verifyCommand: null,
      verifyRetries: null,
    },
    limits: { maxConcurrent: 1, whenBusy: 'queue', maxRunsPerDay: null, maxUsdPerDay: null },
    paused: false,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    nextRunAt: null,
    problem: null,
  };
}

function clockAt(now: string, lastSlot: string, fired: DueSlot[]): ScheduleClock {
  const clock = new ScheduleClock(
    () => new Date(lastSlot),
    (_automation, slot) => fired.push(slot),
    () => new Date(now),
  );
  clocks.push(clock);
  return clock;
}

describe('the schedule clock', () => {
  it('runs a slot missed while the machine slept once, on wake, late, counting the others it passed', () => {
    const fired: DueSlot[] = [];
    // Asleep from Tuesday 06:00 to Thursday 09:30: the 07:00 runs of Tuesday, Wednesday and Thursday passed.
    clockAt('2026-12-03T09:30:00.000Z', '2026-12-01T06:00:00.000Z', fired).arm(scheduled('0 7 * * *'), 'a1');
    expect(fired).toHaveLength(1);
    expect(fired[0]?.due.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(fired[0]?.lateByMs).toBe(150 * 60_000);
    expect(fired[0]?.skipped).toBe(2);
  });

  it('fires nothing before the first slot, and nothing while paused', () => {
    const fired: DueSlot[] = [];
    const clock = clockAt('2026-12-01T06:59:59.000Z', '2026-12-01T06:00:00.000Z', fired);
    clock.arm(scheduled('0 7 * * *'), 'a1');
    clock.arm({ ...scheduled('* * * * *'), paused: true }, 'a1');
    expect(fired).toEqual([]);
    expect(clock.nextRun(scheduled('0 7 * * 1-5', 'Europe/Oslo'))?.toISOString()).toBe('2026-12-02T06:00:00.000Z');
  });

  it('fires a six-field schedule at its second, on time', async () => {
    const fired: DueSlot[] = [];
    const clock = new ScheduleClock(
      () => new Date(Date.now() - 500),
      (_automation, slot) => fired.push(slot),
    );
    clocks.push(clock);
    clock.arm(scheduled('* * * * * *'), 'a1');
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.every((slot) => slot.lateByMs < 1_000)).toBe(true);
  });
});
