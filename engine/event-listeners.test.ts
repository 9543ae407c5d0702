import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThreadEvent } from '../shared/events.js';
import { startHarness, type EngineHarness } from '../testing/engine/engine-harness.js';
import { EventListeners } from './event-listeners.js';

let harness: EngineHarness | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  await harness?.dispose();
  harness = null;
});

const event = (seq: number) =>
  ({ type: 'notice', level: 'info', message: 'hi', taskId: 't1', seq, at: '2026-01-01T00:00:00.000Z' }) as ThreadEvent;

describe('EventListeners', () => {
  it('gives every event to the listeners after one that throws, and reports that listener once', () => {
    const reports: string[] = [];
    const listeners = new EventListeners((message) => reports.push(message));
    const seen: number[] = [];
    listeners.add(() => {
      throw new Error('socket closed');
    });
    listeners.add((received) => seen.push(received.seq));
    listeners.emit(event(1));
    listeners.emit(event(2));
    expect(seen).toEqual([1, 2]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('socket closed');
  });

  it('keeps a task running and other subscribers informed when one subscriber throws; the failure is on stderr and among the engine notices once', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    harness = await startHarness();
    harness.engine.subscribe(() => {
      throw new Error('broken window');
    });
    const seen: ThreadEvent[] = [];
    harness.engine.subscribe((received) => seen.push(received));
    const task = await harness.createTask('write a.txt hello');
    await harness.waitFor(task.id, ['done']);
    expect(seen.some((received) => received.taskId === task.id && received.type === 'turn.ended')).toBe(true);
    const written = stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('broken window'));
    expect(written).toHaveLength(1);
    const { notices } = await harness.engine.call('engine/info', {});
    expect(notices.filter((notice) => notice.includes('broken window'))).toHaveLength(1);
  });
});
