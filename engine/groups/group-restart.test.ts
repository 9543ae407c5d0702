import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { rankingsIn, startGroup, withoutProviderEnvironment } from '../../testing/engine/group-kit.js';
import { useModelServer } from '../../testing/agents/e2e-test-kit.js';
import { rankLastFirst } from '../../testing/model-server/group-scenarios.js';
import { replyToolCalls } from '../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';

let harness: EngineHarness | null = null;
let reopened: Engine | null = null;
let server: ModelServer | null = null;
let restoreEnvironment: () => void = () => undefined;
beforeEach(() => {
  restoreEnvironment = withoutProviderEnvironment();
});
afterEach(async () => {
  await reopened?.close();
  await harness?.dispose();
  await server?.close();
  reopened = null;
  harness = null;
  server = null;
  restoreEnvironment();
});

describe('a ranking cut short by the engine closing', () => {
  it('is judged again when the engine opens next', async () => {
    // The first judge answer streams slowly enough to close the engine while it runs.
    server = await startModelServer({
      script: [
        replyToolCalls(rankLastFirst, { delayMs: 100, chunkSize: 2 }),
        replyToolCalls(rankLastFirst, { usage: { outputTokens: 200 } }),
      ],
    });
    harness = await startHarness();
    await useModelServer(harness, server);
    const tasks = await startGroup(harness, 'write a.txt hello', { judge: true });
    await harness.waitForEvent(tasks[0]!.id, (event) => event.type === 'ranking.changed');
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await harness.engine.close();
    expect(server.requests).toHaveLength(1);

    reopened = await createEngine({ home: harness.home });
    const deadline = Date.now() + 20_000;
    let states: string[] = [];
    while (Date.now() < deadline) {
      const { events } = await reopened.call('task/events', { taskId: tasks[1]!.id });
      states = rankingsIn(events).map((ranking) => `${ranking.state}:${ranking.by}`);
      if (states.at(-1) === 'ranked:judge') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // The default judge (no judgeModel set, an Anthropic key present) is Anthropic's strongest model.
    expect(states).toEqual(['judging:judge', 'judging:judge', 'ranked:judge']);
    const { group } = await reopened.call('group/get', { taskId: tasks[0]!.id });
    expect(group.ranking?.model).toBe('anthropic:claude-opus-4-5');
    expect(group.winnerId).toBe(tasks[1]!.id);
    expect(server.requests).toHaveLength(2);
  });
});
