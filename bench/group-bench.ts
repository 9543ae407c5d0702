import { performance } from 'node:perf_hooks';
import type { ThreadEvent } from '../shared/events.js';
import { startHarness, type EngineHarness } from '../testing/engine/engine-harness.js';
import { groupOf, waitForRanking, withoutProviderEnvironment } from '../testing/engine/group-kit.js';
import { useModelServer } from '../testing/agents/e2e-test-kit.js';
import { groupAttempts } from '../testing/model-server/group-scenarios.js';
import { builtInScenarios } from '../testing/model-server/scenarios.js';
import { startModelServer } from '../testing/model-server/server.js';
import type { BenchFigure } from './worktree-bench.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface RoundResult {
  settleToJudgingMs: number;
  settleToRankedMs: number;
  judgeShare: number;
  judgeTokens: number;
  totalTokens: number;
}

/** One group of three built-in attempts on the scripted server, judged by the scripted judge (or by the rule). */
async function oneRound(judge: boolean): Promise<RoundResult> {
  const server = await startModelServer({ scenarios: [...builtInScenarios, groupAttempts()] });
  let harness: EngineHarness | null = null;
  try {
    harness = await startHarness();
    await useModelServer(harness, server);
    await harness.engine.call('settings/update', { judgeModel: judge ? 'anthropic:scenario:judgeRanks' : 'x:none' });
    const finished = new Map<string, number>();
    let judging = NaN;
    let ranked = NaN;
    harness.engine.subscribe((event: ThreadEvent) => {
      const now = performance.now();
      if (event.type === 'status.changed' && event.status === 'done') finished.set(event.taskId, now);
      if (event.type === 'ranking.changed' && Number.isNaN(judging) && event.ranking.state === 'judging') judging = now;
      if (event.type === 'ranking.changed' && Number.isNaN(ranked) && event.ranking.state === 'ranked') ranked = now;
    });
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Write answer.txt with some lines.',
      agent: 'builtin',
      model: 'anthropic:scenario:groupAttempts',
      attempts: 3,
    });
    await waitForRanking(harness, tasks[0]!.id, undefined, 60_000);
    const group = await groupOf(harness, tasks[0]!.id);
    const lastFinished = Math.max(...tasks.map((task) => finished.get(task.id) ?? NaN));
    return {
      settleToJudgingMs: judging - lastFinished,
      settleToRankedMs: ranked - lastFinished,
      judgeShare: group.spent.totalTokens === 0 ? 0 : group.spent.judgeTokens / group.spent.totalTokens,
      judgeTokens: group.spent.judgeTokens,
      totalTokens: group.spent.totalTokens,
    };
  } finally {
    await harness?.dispose();
    await server.close();
  }
}

/**
 * Groups on the scripted model server: the time from the last attempt finishing to its ranking being recorded (with
 * the judge model, and by the rule), and the judge's share of the group's tokens.
 */
export async function runGroupBench(options: { rounds: number; log(text: string): void }): Promise<BenchFigure[]> {
  const restore = withoutProviderEnvironment();
  try {
    const judged: RoundResult[] = [];
    const ruled: RoundResult[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      judged.push(await oneRound(true));
      ruled.push(await oneRound(false));
      options.log(`  group round ${round + 1} of ${options.rounds}`);
    }
    const figure = (name: string, value: number, unit: string): BenchFigure => ({
      name,
      value,
      unit,
      target: null,
      met: null,
    });
    return [
      figure('last attempt done → judging recorded (median)', median(judged.map((r) => r.settleToJudgingMs)), 'ms'),
      figure(
        'last attempt done → judge ranking recorded (median)',
        median(judged.map((r) => r.settleToRankedMs)),
        'ms',
      ),
      figure('last attempt done → rule ranking recorded (median)', median(ruled.map((r) => r.settleToRankedMs)), 'ms'),
      figure("judge's share of the group's tokens (median)", 100 * median(judged.map((r) => r.judgeShare)), '%'),
      figure('judge tokens per ranking (median)', median(judged.map((r) => r.judgeTokens)), 'tokens'),
      figure('group tokens, attempts + judge (median)', median(judged.map((r) => r.totalTokens)), 'tokens'),
    ];
  } finally {
    restore();
  }
}
