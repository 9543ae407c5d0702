import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('task/eventPage', () => {
  it("pages a finished task's thread back from its end to exactly what task/events gives, and refuses bad pages", async () => {
    harness = await startHarness();
    const task = await harness.createTask('Write notes\nsay ready', { agent: 'scripted' });
    await harness.waitFor(task.id, ['done']);
    const whole = await harness.threadOf(task.id);
    expect(whole.length).toBeGreaterThan(6);

    const paged: ThreadEvent[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await harness.engine.call('task/eventPage', { taskId: task.id, beforeSeq, limit: 3 });
      expect(page.events.length).toBeLessThanOrEqual(3);
      paged.unshift(...page.events);
      if (!page.hasMore) break;
      beforeSeq = page.events[0]?.seq;
    }
    expect(paged).toEqual(whole);
    expect((await harness.engine.call('task/eventPage', { taskId: task.id })).events).toEqual(whole);

    await expect(harness.engine.call('task/eventPage', { taskId: task.id, limit: 50_000 })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('at most 10000 events'),
    });
    await expect(harness.engine.call('task/eventPage', { taskId: 'nope' })).rejects.toMatchObject({
      code: 'notFound',
    });
  });
});
