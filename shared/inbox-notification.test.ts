import { describe, expect, it } from 'vitest';
import type { AutomationRun } from './automation.js';
import { inboxNotificationFor, inboxWatch } from './inbox-notification.js';

const run = (overrides: Partial<AutomationRun> = {}): AutomationRun => ({
  id: 'run1',
  automationId: 'a1',
  firedAt: '2026-01-01T07:00:00.000Z',
  reason: 'new commit 1a2b3c4 on main: Add the login page',
  late: false,
  eventKey: null,
  variables: {},
  state: 'started',
  detail: null,
  taskIds: ['t1'],
  startedAt: '2026-01-01T07:00:01.000Z',
  inbox: null,
  outcome: null,
  ...overrides,
});

describe('which automation changes are news for the inbox', () => {
  it('a run reaching the inbox unread, once; not one archived at once, nor one marked unread again', () => {
    const news = inboxWatch();
    const ran = (overrides: Partial<AutomationRun>) => news({ type: 'automation.ran', run: run(overrides) })?.id;
    expect(ran({ inbox: null })).toBeUndefined();
    expect(ran({ inbox: 'unread' })).toBe('run1');
    expect(ran({ inbox: 'unread' })).toBeUndefined();
    expect(ran({ inbox: 'read' })).toBeUndefined();
    expect(ran({ inbox: 'unread' })).toBeUndefined();
    expect(ran({ id: 'run2', inbox: 'archived' })).toBeUndefined();
    // A run that settled while no window watched is news the first time it is seen.
    expect(ran({ id: 'run3', inbox: 'unread' })).toBe('run3');
    expect(news({ type: 'automation.removed', automationId: 'a1' })).toBeNull();
  });
});

describe('what an inbox notification says', () => {
  const names = (id: string) => ({ a1: 'review', a2: 'deps' })[id] ?? id;
  it('of one run: its automation, what came of it and why it fired', () => {
    expect(inboxNotificationFor([run({ inbox: 'unread', outcome: '2 files changed' })], names, false)).toEqual({
      kind: 'run',
      runId: 'run1',
      taskId: 't1',
      title: 'Inbox: review',
      body: '2 files changed · new commit 1a2b3c4 on main: Add the login page',
    });
  });

  it('of several: how many, and whose; nothing while the window is looked at', () => {
    const runs = [run({ id: 'x' }), run({ id: 'y', automationId: 'a2' }), run({ id: 'z', automationId: 'a2' })];
    expect(inboxNotificationFor(runs, names, false)).toMatchObject({
      kind: 'several',
      runIds: ['x', 'y', 'z'],
      title: '3 new in the inbox',
      body: 'From review, deps (2). Open the inbox to review them.',
    });
    expect(inboxNotificationFor(runs, names, true)).toBeNull();
  });
});
