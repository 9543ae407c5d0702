import { describe, expect, it } from 'vitest';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { nestTeams } from './team-order.js';

describe('the overview’s team order', () => {
  it('puts each subtask right after its listed lead, oldest first, and leaves other tasks in place', () => {
    const tasks = [
      sampleTask({ id: 'sub-new', team: { role: 'subtask', leadId: 'lead' }, createdAt: '2026-01-01T00:03:00Z' }),
      sampleTask({ id: 'solo', team: null, createdAt: '2026-01-01T00:02:30Z' }),
      sampleTask({ id: 'sub-old', team: { role: 'subtask', leadId: 'lead' }, createdAt: '2026-01-01T00:02:00Z' }),
      sampleTask({ id: 'lead', team: { role: 'lead' }, createdAt: '2026-01-01T00:01:00Z' }),
      sampleTask({ id: 'orphan', team: { role: 'subtask', leadId: 'gone' }, createdAt: '2026-01-01T00:00:30Z' }),
    ];
    expect(nestTeams(tasks).map((task) => task.id)).toEqual(['solo', 'lead', 'sub-old', 'sub-new', 'orphan']);
  });
});
