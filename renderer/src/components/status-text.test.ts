import { describe, expect, it } from 'vitest';
import { taskStatusText, taskTone } from './status-text.js';

const nothing = { files: 0, additions: 0, deletions: 0 };

describe('a task status as shown', () => {
  it('says "No changes" in a neutral tone for a done task that changed nothing, and Done in green otherwise', () => {
    expect([
      taskStatusText({ status: 'done', phase: null, changes: nothing }),
      taskTone({ status: 'done', phase: null, changes: nothing }),
    ]).toEqual(['No changes', 'muted']);
    expect([
      taskStatusText({ status: 'done', phase: null, changes: { files: 1, additions: 1, deletions: 0 } }),
      taskTone({ status: 'done', phase: null, changes: { files: 1, additions: 1, deletions: 0 } }),
    ]).toEqual(['Done', 'good']);
    // Not counted (an older log): Done, as before.
    expect(taskStatusText({ status: 'done', phase: null, changes: null })).toBe('Done');
    expect(taskStatusText({ status: 'done', phase: null })).toBe('Done');
  });

  it('keeps saying Failed or Merged whatever the count', () => {
    expect([
      taskStatusText({ status: 'failed', phase: null, changes: nothing }),
      taskTone({ status: 'failed', phase: null, changes: nothing }),
    ]).toEqual(['Failed', 'bad']);
    expect(taskStatusText({ status: 'merged', phase: null, changes: nothing })).toBe('Merged');
  });
});
