import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { startHarness, type EngineHarness } from '../test-support/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('start-up reconciliation', () => {
  it('recreates deleted worktrees, removes stale locks, prunes entries and reports orphan branches', async () => {
    harness = await startHarness();
    const { repo } = harness;
    const lost = await harness.createTask('write lost.txt committed work');
    const locked = await harness.createTask('write locked.txt x');
    await harness.waitFor(lost.id, ['done']);
    await harness.waitFor(locked.id, ['done']);
    await harness.engine.close();

    rmSync(lost.worktreePath, { recursive: true, force: true });
    const gitDir = readFileSync(join(locked.worktreePath, '.git'), 'utf8').replace('gitdir:', '').trim();
    writeFileSync(join(gitDir, 'index.lock'), '');
    repo.git(['branch', 'flotilla/orphan-123']);

    const engine = await createEngine({ home: harness.home });
    harness.engine = engine;
    const lostTask = (await engine.call('task/get', { taskId: lost.id })).task;
    expect(lostTask.status).toBe('done');
    expect(readFileSync(join(lost.worktreePath, 'lost.txt'), 'utf8')).toBe('committed work');
    const lostEvents = (await engine.call('task/events', { taskId: lost.id })).events;
    expect(lostEvents.some((event) => event.type === 'notice' && /deleted outside Flotilla/.test(event.message))).toBe(true);
    expect(lostEvents.some((event) => event.type === 'notice' && /Pruned a stale git worktree entry/.test(event.message))).toBe(true);

    expect(existsSync(join(gitDir, 'index.lock'))).toBe(false);
    const lockedEvents = (await engine.call('task/events', { taskId: locked.id })).events;
    expect(lockedEvents.some((event) => event.type === 'notice' && /stale git index lock/.test(event.message))).toBe(true);
    // The worktree is usable again: a follow-up can commit.
    await engine.call('task/send', { taskId: locked.id, text: 'write after.txt y' });
    await harness.waitFor(locked.id, ['done']);
    expect(repo.git(['show', `${locked.branch}:after.txt`])).toBe('y');

    const { notices } = await engine.call('engine/info', {});
    expect(notices.join('\n')).toMatch(/flotilla\/orphan-123.*belongs to no Flotilla task/);
    expect(repo.git(['branch', '--list', 'flotilla/orphan-123'])).toContain('orphan-123');
  });
});
