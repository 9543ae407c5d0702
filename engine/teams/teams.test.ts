import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import type { Task } from '../../shared/task.js';
import { useModelServer } from '../../testing/agents/e2e-test-kit.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { withoutProviderEnvironment } from '../../testing/engine/group-kit.js';
import { builtInScenarios } from '../../testing/model-server/scenarios.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';
import { followUpText, teamScenarios } from '../../testing/model-server/team-scenarios.js';

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

async function startLead(
  model: string,
  extra: { costBudgetUsd?: number } = {},
): Promise<{ h: EngineHarness; lead: Task }> {
  server = await startModelServer({ scenarios: [...builtInScenarios, ...teamScenarios] });
  harness = await startHarness();
  await useModelServer(harness, server);
  const lead = await harness.createTask('Add OAuth login: backend endpoints and docs', {
    agent: 'builtin',
    model,
    team: true,
    ...extra,
  });
  return { h: harness, lead };
}

async function subtasksOf(h: EngineHarness, leadId: string): Promise<Task[]> {
  const { tasks } = await h.engine.call('task/list', {});
  return tasks
    .filter((task) => task.team?.role === 'subtask' && task.team.leadId === leadId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function toolResults(thread: readonly ThreadEvent[], name: string): { ok: boolean; result: string }[] {
  const names = new Map<string, string>();
  const results: { ok: boolean; result: string }[] = [];
  for (const event of thread) {
    if (event.type === 'tool.started') names.set(event.callId, event.name);
    if (event.type === 'tool.finished' && names.get(event.callId) === name)
      results.push({ ok: event.ok, result: event.result });
  }
  return results;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

describe('a team on the built-in agent over the scripted model server', () => {
  it.each(['anthropic', 'openai'])(
    'a lead spawns two subtasks, waits, messages one and merges both into its branch (%s)',
    async (provider) => {
      const { h, lead } = await startLead(`${provider}:scenario:teamLead`, { costBudgetUsd: 5 });
      expect(lead.team).toEqual({ role: 'lead' });
      const done = await h.waitFor(lead.id, ['done', 'failed'], 60_000);
      expect(done.status, done.lastError ?? '').toBe('done');

      const subtasks = await subtasksOf(h, lead.id);
      expect(subtasks.map((task) => task.title)).toEqual(['Backend endpoints', 'Docs']);
      for (const subtask of subtasks) {
        expect(subtask.team).toEqual({ role: 'subtask', leadId: lead.id });
        expect(subtask.baseRef).toBe(lead.branch);
        expect(subtask.worktreePath).not.toBe(lead.worktreePath);
        expect(subtask.status).toBe('merged');
        expect(subtask.mergedInto).toBe(lead.branch);
        // The team's budget: each subtask may spend what the team had left when it started.
        expect(subtask.costBudgetUsd).toBeLessThanOrEqual(5);
      }
      // The lead's worktree and branch have both subtasks' work, including the follow-up it asked for.
      for (const file of ['backend.txt', 'docs.txt', 'backend-test.txt'])
        expect(existsSync(join(lead.worktreePath, file)), file).toBe(true);
      expect(git(h.repo.path, 'show', `${lead.branch}:backend-test.txt`)).toBe('covered');
      expect(readFileSync(join(lead.worktreePath, 'docs.txt'), 'utf8')).toBe('manual');
      // Nothing reached the user's branch: the user merges the lead's combined branch as one task.
      expect(git(h.repo.path, 'ls-tree', '--name-only', 'HEAD')).not.toContain('backend.txt');

      const leadThread = await h.threadOf(lead.id);
      expect(toolResults(leadThread, 'spawn_subtask').every((result) => result.ok)).toBe(true);
      const [listed] = toolResults(leadThread, 'list_subtasks');
      expect(listed?.result).toContain('Backend endpoints');
      expect(listed?.result).toMatch(/Team budget: \$[\d.]+ left/);
      expect(toolResults(leadThread, 'merge_subtask').map((result) => result.ok)).toEqual([true, true]);
      // The message shows in both threads: the lead's send_message call, and a labelled user message for the receiver.
      expect(toolResults(leadThread, 'send_message')[0]?.result).toContain(`Sent to ${subtasks[0]!.id}`);
      const received = (await h.threadOf(subtasks[0]!.id)).filter(
        (event) => event.type === 'user.message' && event.origin === 'teammate',
      );
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ from: lead.id });
      expect(received[0]?.type === 'user.message' && received[0].text).toContain(followUpText);
      expect(received[0]?.type === 'user.message' && received[0].text).toContain(`(task ${lead.id})`);
      // The lead's model saw the team tools.
      const firstRequest = JSON.stringify(server!.requests[0]?.body);
      for (const tool of ['spawn_subtask', 'wait_for_subtasks', 'merge_subtask', 'send_message']) {
        expect(firstRequest).toContain(tool);
      }

      // Measured: spawn_subtask's call to the subtask's first turn.
      const spawnAt = Date.parse(leadThread.find((event) => event.type === 'tool.started')!.at);
      for (const subtask of subtasks) {
        const turn = (await h.threadOf(subtask.id)).find((event) => event.type === 'turn.started')!;
        console.log(
          `spawn_subtask → first turn of ${subtask.title} (${provider}): ${Date.parse(turn.at) - spawnAt} ms`,
        );
      }
    },
    90_000,
  );
});

describe('merging subtasks that conflict', () => {
  it('merges the first, reports the second’s conflict to the lead with the file, and loses nothing', async () => {
    const { h, lead } = await startLead('openai:scenario:leadOfConflictingSubtasks');
    const done = await h.waitFor(lead.id, ['done', 'failed'], 60_000);
    expect(done.status, done.lastError ?? '').toBe('done');
    const merges = toolResults(await h.threadOf(lead.id), 'merge_subtask');
    expect(merges.map((result) => result.ok)).toEqual([true, false]);
    const [first, second] = await subtasksOf(h, lead.id);
    expect(merges[1]?.result).toContain(
      `Merging subtask ${second!.id} into your branch ${lead.branch} conflicts in: same.txt`,
    );
    expect(merges[1]?.result).toContain('Nothing was merged');
    expect(readFileSync(join(lead.worktreePath, 'same.txt'), 'utf8')).toBe('first');
    expect(first?.status).toBe('merged');
    // The conflicting subtask keeps its work, to be brought up to date and merged later.
    expect(second?.status).toBe('done');
    expect(readFileSync(join(second!.worktreePath, 'same.txt'), 'utf8')).toBe('second');
  }, 60_000);
});

describe('team bad input, told to the agent as tool results', () => {
  it('refuses a team lead on an agent without the team tools, and a team of several attempts, creating nothing', async () => {
    harness = await startHarness();
    await expect(harness.createTask('Split it', { agent: 'scripted', team: true })).rejects.toThrow(
      'Scripted test agent cannot lead a team',
    );
    await expect(harness.createTask('Split it', { agent: 'scripted', attempts: 2, team: true })).rejects.toThrow(
      'A team has one lead',
    );
    expect((await harness.engine.call('task/list', {})).tasks).toEqual([]);
  });

  it('refuses an empty prompt, a message outside the team, a merge of an unfinished subtask and an unknown id', async () => {
    const { h, lead } = await startLead('anthropic:scenario:teamBadInput');
    const done = await h.waitFor(lead.id, ['done', 'failed'], 60_000);
    expect(done.status, done.lastError ?? '').toBe('done');
    const thread = await h.threadOf(lead.id);
    const spawns = toolResults(thread, 'spawn_subtask');
    expect(spawns.map((result) => result.ok)).toEqual([false, true]);
    expect(spawns[0]?.result).toContain('The subtask prompt is empty');
    const [message] = toolResults(thread, 'send_message');
    expect(message?.ok).toBe(false);
    expect(message?.result).toContain('Task outsider is not in your team');
    const merges = toolResults(thread, 'merge_subtask');
    expect(merges.map((result) => result.ok)).toEqual([false, true]);
    expect(merges[0]?.result).toMatch(/is still (queued|preparing|running)/);
    expect(merges[0]?.result).toContain('wait_for_subtasks');
    const waits = toolResults(thread, 'wait_for_subtasks');
    expect(waits.map((result) => result.ok)).toEqual([false, true]);
    expect(waits[0]?.result).toContain('Task nosuchtask is not a subtask of this team');
    // Nothing was lost: one subtask was started, and its work reached the lead's branch after the refusals.
    const subtasks = await subtasksOf(h, lead.id);
    expect(subtasks).toHaveLength(1);
    expect(subtasks[0]?.status).toBe('merged');
    expect(readFileSync(join(lead.worktreePath, 'slow.txt'), 'utf8')).toBe('done');
  }, 60_000);

  it('a subtask cannot spawn (one level deep); its message reaches the lead after the lead’s current tool call', async () => {
    const { h, lead } = await startLead('anthropic:scenario:leadOfBuiltin');
    const [subtask] = await (async () => {
      await h.waitForEvent(lead.id, (event) => event.type === 'tool.finished', 30_000);
      return subtasksOf(h, lead.id);
    })();
    const finished = await h.waitFor(subtask!.id, ['done', 'failed'], 30_000);
    expect(finished.status, finished.lastError ?? '').toBe('done');
    const [spawn] = toolResults(await h.threadOf(subtask!.id), 'spawn_subtask');
    expect(spawn?.ok).toBe(false);
    expect(spawn?.result).toContain('spawn_subtask is for the team lead only: teams are one level deep');
    // The subtask's model was offered only the messaging tools.
    const subtaskRequest = server!.requests
      .map((request) => request.body as { model?: string })
      .filter((body) => body.model === 'scenario:subtaskSpawns')
      .map((body) => JSON.stringify(body))[0];
    expect(subtaskRequest).toContain('send_message');
    expect(subtaskRequest).not.toContain('"merge_subtask"');
    // The lead's second turn is the subtask's message, labelled with the sender.
    await h.waitForEvent(lead.id, (event) => event.type === 'turn.ended' && event.turn === 2, 30_000);
    const leadThread = await h.threadOf(lead.id);
    // It arrived while the lead waited: the wait ended, and so did the lead's turn, while the subtask still worked.
    const waits = toolResults(leadThread, 'wait_for_subtasks');
    expect(waits[0]?.result).toContain('A message for you arrived');
    expect(waits[1]?.result).toContain('Finished.');
    const order = h.events;
    const leadTurnEnd = order.findIndex(
      (event) => event.taskId === lead.id && event.type === 'turn.ended' && event.turn === 1,
    );
    const subtaskDone = order.findIndex(
      (event) => event.taskId === subtask!.id && event.type === 'status.changed' && event.status === 'done',
    );
    expect(leadTurnEnd).toBeGreaterThanOrEqual(0);
    expect(leadTurnEnd).toBeLessThan(subtaskDone);
    const received = leadThread.find((event) => event.type === 'user.message' && event.origin === 'teammate');
    expect(received).toMatchObject({ from: subtask!.id });
    // Measured: spawn_subtask's call to the built-in subtask's first model reply (its request is just before).
    const spawnAt = Date.parse(leadThread.find((event) => event.type === 'tool.started')!.at);
    const firstReply = (await h.threadOf(subtask!.id)).find((event) => event.type === 'usage')!;
    console.log(`spawn_subtask → built-in subtask's first model reply: ${Date.parse(firstReply.at) - spawnAt} ms`);
    const [read] = toolResults(leadThread, 'read_messages');
    expect(read?.result).toContain('say I cannot spawn; done here');
    expect(read?.result).toContain(`Message from teammate Go deeper (task ${subtask!.id})`);
  }, 60_000);
});

describe('Stop and discard of the lead cover the team', () => {
  it('Stop on the lead stops its working subtask; discard archives every branch of the team', async () => {
    const { h, lead } = await startLead('anthropic:scenario:leadOfSlowSubtask');
    await h.waitForEvent(lead.id, (event) => event.type === 'tool.started' && event.name === 'wait_for_subtasks');
    const [subtask] = await subtasksOf(h, lead.id);
    await h.waitForEvent(subtask!.id, (event) => event.type === 'turn.started');
    await h.engine.call('task/stop', { taskId: lead.id });
    expect((await h.engine.call('task/get', { taskId: lead.id })).task.status).toBe('stopped');
    expect((await h.engine.call('task/get', { taskId: subtask!.id })).task.status).toBe('stopped');

    await h.engine.call('task/discard', { taskId: lead.id });
    for (const task of [lead, subtask!]) {
      const { task: now } = await h.engine.call('task/get', { taskId: task.id });
      expect(now.status).toBe('discarded');
      expect(now.archiveRef).not.toBeNull();
      expect(existsSync(task.worktreePath)).toBe(false);
      // The branch's work is kept under the archive ref.
      expect(git(h.repo.path, 'rev-parse', '--verify', now.archiveRef!)).toMatch(/^[0-9a-f]{40}$/);
    }
  }, 60_000);
});

describe('subtasks and the concurrency limit', () => {
  it('with room for the lead and one subtask, the second subtask queues and the team still finishes', async () => {
    server = await startModelServer({ scenarios: [...builtInScenarios, ...teamScenarios] });
    harness = await startHarness();
    await useModelServer(harness, server);
    await harness.engine.call('settings/update', { concurrency: 2 });
    const lead = await harness.createTask('Split it', {
      agent: 'builtin',
      model: 'anthropic:scenario:teamLead',
      team: true,
    });
    const done = await harness.waitFor(lead.id, ['done', 'failed'], 60_000);
    expect(done.status, done.lastError ?? '').toBe('done');
    const [first, second] = await subtasksOf(harness, lead.id);
    // Never three at once: in the engine's own event order, the second subtask's first turn starts only after the
    // first subtask's first turn ended.
    const order = harness.events;
    const firstEnd = order.findIndex((event) => event.taskId === first!.id && event.type === 'turn.ended');
    const secondStart = order.findIndex((event) => event.taskId === second!.id && event.type === 'turn.started');
    expect(firstEnd).toBeGreaterThanOrEqual(0);
    expect(secondStart).toBeGreaterThan(firstEnd);
  }, 90_000);
});

describe("the lead's budget is the team's", () => {
  it('stops the whole team once the lead and its subtasks together spent it, saying why in every thread', async () => {
    const { h, lead } = await startLead('anthropic:scenario:leadOfSpenders', { costBudgetUsd: 1 });
    await h.waitFor(lead.id, ['stopped'], 30_000);
    const subtasks = await subtasksOf(h, lead.id);
    expect(subtasks).toHaveLength(2);
    for (const task of [lead, ...subtasks]) {
      const stopped = await h.waitFor(task.id, ['stopped'], 30_000);
      const notices = (await h.threadOf(task.id)).filter(
        (event) => event.type === 'notice' && event.message.includes("The team's budget of $1"),
      );
      expect(notices, stopped.title).toHaveLength(1);
    }
    // Each subtask alone stayed under the $1 it was given; together they reached it.
    for (const subtask of subtasks) expect(subtask.costBudgetUsd).toBe(1);
  }, 60_000);
});

describe('a lead that ends its turn instead of waiting', () => {
  it('is woken by its subtask finishing, as a message from the subtask, even with one slot for the whole engine', async () => {
    server = await startModelServer({ scenarios: [...builtInScenarios, ...teamScenarios] });
    harness = await startHarness();
    await useModelServer(harness, server);
    await harness.engine.call('settings/update', { concurrency: 1 });
    const lead = await harness.createTask('Delegate it', {
      agent: 'builtin',
      model: 'anthropic:scenario:leadThatEndsItsTurn',
      team: true,
    });
    await harness.waitForEvent(lead.id, (event) => event.type === 'turn.ended' && event.turn === 2, 60_000);
    const done = await harness.waitFor(lead.id, ['done', 'failed'], 30_000);
    expect(done.status, done.lastError ?? '').toBe('done');
    const thread = await harness.threadOf(lead.id);
    const [spawn] = toolResults(thread, 'spawn_subtask');
    expect(spawn?.result).toContain('end your turn now');
    const [subtask] = await subtasksOf(harness, lead.id);
    const wake = thread.find((event) => event.type === 'user.message' && event.origin === 'teammate');
    expect(wake).toMatchObject({ from: subtask!.id });
    expect(wake?.type === 'user.message' && wake.text).toContain('I finished: done');
    expect(toolResults(thread, 'merge_subtask').map((result) => result.ok)).toEqual([true]);
    expect(readFileSync(join(lead.worktreePath, 'later.txt'), 'utf8')).toBe('done');
  }, 90_000);
});
