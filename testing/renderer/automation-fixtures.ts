import type { Automation, AutomationRun } from '../../shared/automation.js';

/** An automation as the engine reports it, for tests: "review", on each new tip of main in repository r1. */
export function sampleAutomation(overrides: Partial<Automation> = {}): Automation {
  return {
    id: 'a1',
    name: 'review',
    repoId: 'r1',
    trigger: { on: 'commit', branch: 'main', per: 'tip', includeOwnMerges: false },
    template: {
      prompt: 'Review {{commit.short}}',
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
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    nextRunAt: null,
    problem: null,
    ...overrides,
  };
}

/** A run of automation a1 that started task t1, for tests. */
export function sampleRun(overrides: Partial<AutomationRun> = {}): AutomationRun {
  return {
    id: 'run1',
    automationId: 'a1',
    firedAt: '2026-01-01T07:00:00.000Z',
    reason: 'new commit 1a2b3c4 on main: Add the login page',
    late: false,
    eventKey: 'commit:1a2b3c4',
    variables: {},
    state: 'started',
    detail: null,
    taskIds: ['t1'],
    startedAt: '2026-01-01T07:00:01.000Z',
    inbox: null,
    outcome: null,
    ...overrides,
  };
}
