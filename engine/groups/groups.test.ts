import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rankingRule } from '../../shared/ranking.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import {
  groupOf,
  rankingsIn,
  startGroup,
  waitForRanking,
  withoutProviderEnvironment,
} from '../../testing/engine/group-kit.js';
import { useModelServer } from '../../testing/agents/e2e-test-kit.js';
import { groupAttempts } from '../../testing/model-server/group-scenarios.js';
import { builtInScenarios } from '../../testing/model-server/scenarios.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';

let harness: EngineHarness | null = null;
let server: ModelServer | null = null;
let restoreEnvironment: () => void = () => undefined;
beforeEach(() => {
  restoreEnvironment = withoutProviderEnvironment();
});
afterEach(async () => {
  await harness?.dispose();
  await server?.close();
  harness = null;
  server = null;
  restoreEnvironment();
});

async function withJudge(judgeModel: string): Promise<EngineHarness> {
  server = await startModelServer({ scenarios: [...builtInScenarios, groupAttempts()] });
  const started = await startHarness();
  await useModelServer(started, server);
  await started.engine.call('settings/update', { judgeModel });
  // A price for the scripted judge, so its cost shows apart from the attempts'.
  await started.engine.call('pricing/update', {
    model: judgeModel,
    price: { input: 1, output: 10, cacheRead: 0.1, cacheWrite: 1, contextWindow: 200_000 },
  });
  return started;
}

describe('ranking a group without a judge model', () => {
  it('ranks by the stated rule once every attempt finishes, on every thread, and says why', async () => {
    harness = await startHarness();
    const tasks = await startGroup(harness, 'write a.txt hello', { attempts: 3 });
    expect(tasks.map((task) => task.groupRole)).toEqual(['attempt', 'attempt', 'attempt']);
    const group = await waitForRanking(harness, tasks[0]!.id);
    expect(group.tasks).toEqual(tasks.map((task) => task.id));
    expect(group.settled).toBe(true);
    expect(group.ranking?.by).toBe('rule');
    expect(group.ranking?.note).toContain('No judge model is configured');
    expect(group.ranking?.note).toContain(rankingRule);
    expect(group.ranking?.entries.map((entry) => entry.rank)).toEqual([1, 2, 3]);
    // Equal changes and costs: the oldest attempt wins the tie.
    expect(group.winnerId).toBe(tasks[0]!.id);
    for (const task of tasks) {
      const states = rankingsIn(await harness.threadOf(task.id)).map((ranking) => ranking.state);
      expect(states).toEqual(['judging', 'ranked']);
    }
  });

  it('ranks by rule with a note saying what to set when the judgeModel setting cannot be reached', async () => {
    harness = await startHarness();
    await harness.engine.call('settings/update', { judgeModel: 'anthropic:x' });
    const tasks = await startGroup(harness, 'write a.txt hello');
    const group = await waitForRanking(harness, tasks[0]!.id);
    expect(group.ranking?.by).toBe('rule');
    expect(group.ranking?.note).toContain('anthropic:x');
    expect(group.ranking?.note).toContain('ANTHROPIC_API_KEY');
    // group/judge with no judge model ranks by rule again and says so.
    const { group: again } = await harness.engine.call('group/judge', { taskId: tasks[1]!.id });
    expect(again.ranking?.by).toBe('rule');
    expect(again.ranking?.note).toContain('judgeModel');
  });
});

describe('the judge model over the scripted server', () => {
  it('ranks the attempts through submit_ranking, with its usage apart from the tasks', async () => {
    harness = await withJudge('anthropic:scenario:judgeRanks');
    const tasks = await startGroup(harness, 'write a.txt hello\nspend 50 0.01', { attempts: 3, judge: true });
    expect(tasks[0]!.groupOptions).toEqual({ judge: true, synthesize: false, costBudgetUsd: null });
    const group = await waitForRanking(harness, tasks[0]!.id);
    expect(group.ranking?.by).toBe('judge');
    expect(group.ranking?.model).toBe('anthropic:scenario:judgeRanks');
    expect(group.ranking?.note).toBeNull();
    // The scripted judge ranks the last attempt first.
    expect(group.ranking?.entries.map((entry) => entry.taskId)).toEqual(tasks.map((task) => task.id).reverse());
    expect(group.winnerId).toBe(tasks[2]!.id);
    expect(group.ranking?.entries[0]?.verdict).toBe('The best of the attempts.');
    expect(group.spent.judgeTokens).toBeGreaterThan(200);
    expect(group.spent.judgeUsd).toBeGreaterThan(0);
    expect(group.spent.attemptsUsd).toBeCloseTo(0.03);
    expect(group.spent.totalUsd).toBeCloseTo(0.03 + group.spent.judgeUsd);
    for (const task of tasks) {
      const { task: current } = await harness.engine.call('task/get', { taskId: task.id });
      expect(current.usage.costUsd).toBeCloseTo(0.01);
      expect(current.ranking?.state).toBe('ranked');
    }
    const request = JSON.stringify(server!.requests[0]?.body);
    expect(request).toContain('submit_ranking');
    for (const task of tasks) expect(request).toContain(`Attempt task id: ${task.id}`);
    expect(request).toContain('+hello');
    expect(server!.requests).toHaveLength(1);
  });

  it('sends an invalid answer back once and uses the corrected one (OpenAI Responses)', async () => {
    harness = await withJudge('openai:scenario:judgeInvalidThenValid');
    const tasks = await startGroup(harness, 'write a.txt hello', { judge: true });
    const group = await waitForRanking(harness, tasks[0]!.id);
    expect(group.ranking?.by).toBe('judge');
    expect(group.ranking?.note).toContain('first answer was invalid');
    expect(group.ranking?.entries.map((entry) => entry.taskId)).toEqual([tasks[1]!.id, tasks[0]!.id]);
    expect(server!.requests).toHaveLength(2);
    expect(JSON.stringify(server!.requests[1]?.body)).toContain(`missing: ${tasks[1]!.id}`);
  });

  it('falls back to the rule after a second invalid answer and reports it (Chat Completions)', async () => {
    harness = await withJudge('compatible:scenario:judgeInvalidTwice');
    const tasks = await startGroup(harness, 'write a.txt hello', { judge: true });
    const group = await waitForRanking(harness, tasks[0]!.id);
    expect(group.ranking?.by).toBe('rule');
    expect(group.ranking?.note).toContain('gave no valid ranking in 2 answers');
    expect(group.ranking?.note).toContain(rankingRule);
    expect(group.spent.judgeTokens).toBeGreaterThan(0);
    expect(server!.requests).toHaveLength(2);
  });
});

describe('synthesis', () => {
  it('runs built-in attempts, ranks them, synthesizes from the ranked diffs and re-ranks with the synthesis', async () => {
    harness = await withJudge('anthropic:scenario:judgeRanks');
    await harness.engine.call('settings/update', { concurrency: 1 });
    await harness.engine.call('pricing/update', {
      model: 'anthropic:scenario:groupAttempts',
      price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
    });
    const tasks = await startGroup(harness, 'Write answer.txt with some lines.', {
      agent: 'builtin',
      model: 'anthropic:scenario:groupAttempts',
      synthesize: true,
    });
    const group = await waitForRanking(harness, tasks[0]!.id, 3, 60_000);
    expect(group.synthesisId).not.toBeNull();
    expect(group.tasks).toEqual([...tasks.map((task) => task.id), group.synthesisId]);
    const { task: synthesis } = await harness.engine.call('task/get', { taskId: group.synthesisId! });
    expect(synthesis.groupRole).toBe('synthesis');
    expect(synthesis.groupId).toBe(tasks[0]!.groupId);
    expect(synthesis.baseCommit).toBe(tasks[0]!.baseCommit);
    expect(synthesis.model).toBe('anthropic:scenario:groupAttempts');
    expect(synthesis.prompt).toContain('Write answer.txt with some lines.');
    expect(synthesis.prompt).toContain('The best of the attempts.');
    expect(synthesis.prompt).toContain('+line 2');
    expect(synthesis.worktreePath).not.toBe(tasks[0]!.worktreePath);
    expect(readFileSync(join(synthesis.worktreePath, 'answer.txt'), 'utf8')).toBe('line 1\nline 2\nline 3\n');
    // Re-ranked over attempts and synthesis: the scripted judge puts the last one (the synthesis) first.
    expect(group.winnerId).toBe(synthesis.id);
    expect(group.spent.synthesisUsd).toBeGreaterThan(0);
    expect(group.spent.totalUsd).toBeCloseTo(group.spent.attemptsUsd + group.spent.synthesisUsd + group.spent.judgeUsd);
    const rankings = rankingsIn(await harness.threadOf(tasks[0]!.id)).map((ranking) => ranking.state);
    expect(rankings).toEqual(['judging', 'ranked', 'judging', 'ranked']);
    const second = harness.engine.call('group/synthesize', { taskId: tasks[0]!.id });
    await expect(second).rejects.toThrow(/already has a synthesis task/);
    const judged = await groupOf(harness, synthesis.id);
    expect(judged.ranking?.usage.outputTokens).toBeGreaterThanOrEqual(400);
  });
});

describe('pick', () => {
  it('merges the chosen attempt like task/merge and discards the others, restorably', async () => {
    harness = await startHarness();
    const tasks = await startGroup(harness, 'write picked.txt chosen', { attempts: 3 });
    await waitForRanking(harness, tasks[0]!.id);
    const picked = await harness.engine.call('group/pick', { taskId: tasks[1]!.id });
    expect(picked.task.status).toBe('merged');
    expect(picked.into).toBe('main');
    expect(picked.discarded.sort()).toEqual([tasks[0]!.id, tasks[2]!.id].sort());
    expect(harness.repo.git(['show', 'main:picked.txt'])).toContain('chosen');
    const { task: other } = await harness.engine.call('task/get', { taskId: tasks[0]!.id });
    expect(other.status).toBe('discarded');
    const { task: restored } = await harness.engine.call('task/restore', { taskId: tasks[0]!.id });
    expect(restored.hasWorktree).toBe(true);
  });
});

describe('group budget', () => {
  it('splits the budget across attempts, stops the group when it is reached and ranks by rule', async () => {
    harness = await startHarness();
    const tasks = await startGroup(harness, 'spend 100 0.3\nsleep 300\nspend 100 0.3\nwrite a.txt x', {
      costBudgetUsd: 1,
      attempts: 2,
    });
    expect(tasks.map((task) => task.costBudgetUsd)).toEqual([0.5, 0.5]);
    expect(tasks[0]!.groupOptions?.costBudgetUsd).toBe(1);
    const group = await waitForRanking(harness, tasks[0]!.id);
    expect(group.stoppedBy).toContain('$1');
    expect(group.ranking?.by).toBe('rule');
    expect(group.ranking?.note).toContain('budget');
    for (const task of tasks) {
      const thread = await harness.threadOf(task.id);
      expect(thread.filter((event) => event.type === 'group.stopped')).toHaveLength(1);
    }
  });

  it('calls no judge model once the group budget is reached, and says so in the ranking', async () => {
    harness = await withJudge('anthropic:scenario:judgeRanks');
    const tasks = await startGroup(harness, 'spend 10 0.03\nwrite a.txt x', { costBudgetUsd: 0.05, judge: true });
    const group = await waitForRanking(harness, tasks[0]!.id);
    expect(group.ranking?.by).toBe('rule');
    expect(group.ranking?.note).toContain("The group's budget of $0.05 was reached");
    expect(group.stoppedBy).not.toBeNull();
    expect(group.spent.judgeUsd).toBe(0);
    expect(server!.requests).toHaveLength(0);
  });
});
