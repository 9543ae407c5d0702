import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newTask } from '../../shared/new-task.js';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { homePaths } from '../home.js';
import { TaskStore } from './task-store.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function task(id: string) {
  return newTask({
    id,
    repoId: 'r1',
    title: `task ${id}`,
    prompt: `do ${id}`,
    agent: 'scripted',
    model: null,
    baseRef: 'main',
    baseBranch: 'main',
    baseCommit: 'a'.repeat(40),
    branch: `flotilla/${id}`,
    worktreePath: `/nowhere/${id}`,
    createdAt: new Date().toISOString(),
  });
}

describe('the task index', () => {
  it('is written in the background as tasks change, and the next engine loads it without replaying a log', async () => {
    const home = makeTempDir();
    temps.push(home);
    const paths = homePaths(home);
    const store = TaskStore.load(paths, () => {}, []);
    for (const id of ['t1', 't2', 't3']) {
      store.add(task(id));
      store.record(id, { type: 'task.created', task: store.require(id).task });
    }
    store.setStatus('t2', 'running');
    const deadline = Date.now() + 5000;
    const written = () => {
      try {
        return (JSON.parse(readFileSync(paths.taskIndex, 'utf8')) as { entries: { task: { status: string } }[] })
          .entries;
      } catch {
        return [];
      }
    };
    while (written().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written().map((entry) => entry.task.status)).toEqual(['queued', 'running', 'queued']);
    store.setStatus('t3', 'failed', 'it broke');
    await store.close();

    const notices: string[] = [];
    const again = TaskStore.load(paths, () => {}, notices);
    expect(again.all().map((record) => [record.task.id, record.task.status])).toEqual([
      ['t1', 'queued'],
      ['t2', 'running'],
      ['t3', 'failed'],
    ]);
    expect(notices).toEqual([]);
    expect(readFileSync(join(paths.threads, 't3.jsonl'), 'utf8')).toContain('it broke');
    await again.close();
  });
});
