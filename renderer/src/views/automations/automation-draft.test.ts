import { describe, expect, it } from 'vitest';
import { sampleAutomation } from '../../../../testing/renderer/automation-fixtures.js';
import { draftOf, newDraft, readDraft, switchTrigger } from './automation-draft.js';
import { describeTrigger } from './trigger-model.js';

describe('triggers in words', () => {
  it('say what starts each kind', () => {
    expect(describeTrigger({ on: 'schedule', cron: '0 7 * * 1-5', timezone: 'Europe/Oslo' })).toBe(
      'Schedule 0 7 * * 1-5 (Europe/Oslo)',
    );
    expect(describeTrigger({ on: 'commit', branch: 'main', per: 'commit', includeOwnMerges: true })).toBe(
      'Each new commit on main, Flotilla’s merges too',
    );
    expect(describeTrigger({ on: 'task', when: 'failedVerification', branch: 'main' })).toBe(
      'When a task fails its checks on main',
    );
    expect(describeTrigger({ on: 'task', when: 'merged', branch: null })).toBe('When a task is merged');
    expect(describeTrigger({ on: 'verifyFailed', branch: 'main', includeOwnMerges: false })).toBe(
      'When the checks fail on a new tip of main',
    );
    expect(describeTrigger({ on: 'webhook' })).toBe('A signed webhook POST');
    expect(describeTrigger({ on: 'github', intervalSeconds: 300, kinds: ['pulls', 'issues'] })).toBe(
      'New GitHub issues and pull requests, checked every 5 min',
    );
    expect(describeTrigger({ on: 'github', intervalSeconds: 7_200, kinds: ['pulls'] })).toBe(
      'New GitHub pull requests, checked every 2 h',
    );
  });
});

describe('the form’s draft', () => {
  it('keeps what each trigger kind held when switching away and back', () => {
    let draft = newDraft('r1');
    draft = { ...draft, trigger: { on: 'commit', branch: 'develop', per: 'commit', includeOwnMerges: false } };
    draft = switchTrigger(draft, 'schedule');
    expect(draft.trigger).toEqual({ on: 'schedule', cron: '0 7 * * 1-5', timezone: null });
    draft = switchTrigger(draft, 'commit');
    expect(draft.trigger).toMatchObject({ branch: 'develop', per: 'commit' });
  });

  it('reads back a stored automation unchanged, keeping a token budget the form does not show', () => {
    const stored = sampleAutomation({
      template: { ...sampleAutomation().template, tokenBudget: 50_000, verifyCommand: '', costBudgetUsd: 2.5 },
      limits: { maxConcurrent: 2, whenBusy: 'skip', maxRunsPerDay: 10, maxUsdPerDay: 20 },
    });
    const read = readDraft(draftOf(stored));
    expect('input' in read && read.input).toMatchObject({
      name: stored.name,
      trigger: stored.trigger,
      template: stored.template,
      limits: stored.limits,
    });
  });

  it('says what to write for a number that is not one', () => {
    expect(readDraft({ ...newDraft('r1'), maxConcurrent: '0' })).toEqual({
      error: 'Give the runs at once as a whole number above 0, or leave it empty.',
    });
    expect(readDraft({ ...newDraft('r1'), verifyRetries: 'two' })).toEqual({
      error: 'Give the verify retries as a whole number (0 for none), or leave it empty for the repository’s.',
    });
  });
});
