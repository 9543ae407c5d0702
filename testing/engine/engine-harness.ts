import { join } from 'node:path';
import type { CommandParams } from '../../shared/commands.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { Task, TaskStatus } from '../../shared/task.js';
import { createEngine, type Engine, type EngineOptions } from '../../engine/engine.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from './temp-repo.js';

/** An engine on a temp FLOTILLA_HOME with one temp repository added, for integration tests. */
export interface EngineHarness {
  engine: Engine;
  home: string;
  root: string;
  repo: TempRepo;
  repoId: string;
  events: ThreadEvent[];
  /** Creates one task and returns it. */
  createTask(prompt: string, extra?: Omit<Partial<CommandParams<'task/create'>>, 'prompt' | 'repoId'>): Promise<Task>;
  /** The task's whole thread as the engine has recorded it. */
  threadOf(taskId: string): Promise<ThreadEvent[]>;
  /** Waits for the first event of the task's thread that matches (or fails after `timeoutMs`). */
  waitForEvent(taskId: string, match: (event: ThreadEvent) => boolean, timeoutMs?: number): Promise<ThreadEvent>;
  /** Waits until a task reaches one of the statuses (or fails the test after `timeoutMs`). */
  waitFor(taskId: string, statuses: TaskStatus[], timeoutMs?: number): Promise<Task>;
  /** Closes the engine and removes every temp folder. */
  dispose(): Promise<void>;
}

/** Starts an engine on a fresh temp home with a fresh temp repository. */
export async function startHarness(
  options: Partial<EngineOptions> & { files?: Record<string, string>; repoName?: string } = {},
): Promise<EngineHarness> {
  const root = makeTempDir();
  const home = join(root, 'home');
  const repo = createTempRepo(options.files, root, options.repoName ?? 'repo');
  const engine = await createEngine({ ...options, home });
  const events: ThreadEvent[] = [];
  engine.subscribe((event) => events.push(event));
  const { repo: added } = await engine.call('repo/add', { path: repo.path });
  let disposed = false;
  const harness: EngineHarness = {
    engine,
    home,
    root,
    repo,
    repoId: added.id,
    events,
    async createTask(prompt, extra = {}) {
      const { tasks } = await engine.call('task/create', { repoId: added.id, prompt, ...extra });
      return tasks[0] as Task;
    },
    async threadOf(taskId) {
      return (await harness.engine.call('task/events', { taskId })).events;
    },
    async waitForEvent(taskId, match, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await harness.threadOf(taskId)).find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for an event in ${taskId}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async waitFor(taskId, statuses, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { task } = await harness.engine.call('task/get', { taskId });
        if (statuses.includes(task.status)) return task;
        if (Date.now() > deadline)
          throw new Error(`Task ${taskId} is ${task.status}, expected ${statuses.join('/')}: ${task.lastError ?? ''}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await harness.engine.close();
      removeTemp(root);
    },
  };
  return harness;
}
