import { describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import type { Task } from '../../shared/task.js';
import { ThreadResume } from './thread-resume.js';

const event = (taskId: string, seq: number, at = `2026-12-07T00:00:${String(seq).padStart(2, '0')}Z`): ThreadEvent =>
  ({ type: 'agent.text', taskId, seq, at, text: `${taskId}#${seq}` }) as ThreadEvent;

describe('resuming a thread after a reconnect', () => {
  it('fetches what each task logged in the gap, lets held live events through after it, and drops repeats', async () => {
    const delivered: string[] = [];
    const resume = new ThreadResume((e) => delivered.push(`${e.taskId}#${e.seq}`));
    resume.live(event('a', 1));
    resume.live(event('a', 2));
    resume.live(event('old', 1, '2026-12-07T00:00:00Z'));
    // The link drops; a and a new task b log events meanwhile; old logs nothing.
    resume.hold();
    resume.live(event('a', 5)); // live on the new connection before the catch-up answers
    const asked: string[] = [];
    await resume.catchUp(
      async (taskId, afterSeq) => {
        asked.push(`${taskId}>${afterSeq}`);
        const all = { a: [1, 2, 3, 4, 5], b: [1, 2] }[taskId] ?? [];
        return { events: all.filter((seq) => seq > afterSeq).map((seq) => event(taskId, seq)) };
      },
      async () => ({
        tasks: [
          { id: 'a', updatedAt: '2026-12-07T00:00:05Z' },
          { id: 'b', updatedAt: '2026-12-07T00:00:09Z' },
          { id: 'old', updatedAt: '2026-12-07T00:00:00Z' },
        ] as Task[],
      }),
    );
    resume.release();
    resume.live(event('a', 5));
    resume.live(event('a', 6));
    expect(asked).toEqual(['a>2', 'b>0']);
    expect(delivered).toEqual(['a#1', 'a#2', 'old#1', 'a#3', 'a#4', 'a#5', 'b#1', 'b#2', 'a#6']);
  });
});
