import { performance } from 'node:perf_hooks';
import type { ThreadEvent } from '../shared/events.js';
import { startHarness, type EngineHarness } from '../testing/engine/engine-harness.js';
import { withoutProviderEnvironment } from '../testing/engine/group-kit.js';
import { useModelServer } from '../testing/agents/e2e-test-kit.js';
import { builtInScenarios } from '../testing/model-server/scenarios.js';
import { startModelServer } from '../testing/model-server/server.js';
import { teamScenarios } from '../testing/model-server/team-scenarios.js';
import { tracedRound } from './bench-trace.js';
import type { BenchFigure } from './worktree-bench.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * One built-in lead on the scripted server that starts one built-in subtask (scenario leadOfBuiltin): the time from
 * the lead's spawn_subtask call starting to the subtask's first model request reaching the server.
 */
async function oneRound(): Promise<number> {
  const server = await startModelServer({ scenarios: [...builtInScenarios, ...teamScenarios] });
  let harness: EngineHarness | null = null;
  try {
    harness = await startHarness();
    await useModelServer(harness, server);
    let spawnStarted = NaN;
    harness.engine.subscribe((event: ThreadEvent) => {
      if (event.type === 'tool.started' && event.name === 'spawn_subtask' && Number.isNaN(spawnStarted))
        spawnStarted = performance.now();
    });
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Split the work.',
      agent: 'builtin',
      model: 'anthropic:scenario:leadOfBuiltin',
      team: true,
    });
    await harness.waitFor(tasks[0]!.id, ['done', 'failed'], 60_000);
    const first = server.requests.find((request) => request.scenario === 'subtaskSpawns');
    if (!first) throw new Error('The subtask never reached the model server.');
    return first.receivedAt - spawnStarted;
  } finally {
    await harness?.dispose();
    await server.close();
  }
}

/** Teams on the scripted model server: from a lead's spawn_subtask to the subtask's first model request. */
export async function runTeamBench(options: { rounds: number; log(text: string): void }): Promise<BenchFigure[]> {
  const restore = withoutProviderEnvironment();
  try {
    const results: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      results.push(await oneRound());
      options.log(`  team round ${round + 1} of ${options.rounds}`);
    }
    const { trace } = await tracedRound('team-spawn', oneRound);
    const figure = (name: string, value: number): BenchFigure => ({ name, value, unit: 'ms', target: null, met: null });
    return [
      { ...figure('spawn_subtask → subtask’s first model request (median)', median(results)), trace },
      figure('spawn_subtask → subtask’s first model request (slowest)', Math.max(...results)),
    ];
  } finally {
    restore();
  }
}
