import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { newTask } from '../../shared/new-task.js';
import { defaultRepoSettings } from '../../shared/repo.js';
import type { Task } from '../../shared/task.js';
import type { EngineContext } from '../../engine/engine-context.js';
import { createContext, type EngineState } from '../../engine/engine-state.js';
import { homePaths } from '../../engine/home.js';
import type { TaskRecord } from '../../engine/tasks/task-record.js';
import { createTempRepo, makeTempDir, type TempRepo } from './temp-repo.js';

/** An engine context on a temp home with one temp repository and no agents, for tests of the engine's parts. */
export interface BareContext {
  state: EngineState;
  context: EngineContext;
  root: string;
  repo: TempRepo;
  repoId: string;
  /** Adds a task record in whatever state the test needs (no job runs it). */
  addTask(change?: Partial<Task>): TaskRecord;
}

/** Builds a bare context; close it with `state.shutdown()` and remove `root`. */
export async function bareContext(): Promise<BareContext> {
  const root = makeTempDir();
  const paths = homePaths(join(root, 'home'));
  for (const folder of [paths.home, paths.threads, paths.worktrees, paths.logs]) mkdirSync(folder, { recursive: true });
  const repo = createTempRepo(undefined, root);
  const state = await createContext({
    paths,
    worktreesRoot: realpathSync(paths.worktrees),
    agents: [],
    emit: () => undefined,
    emitChange: () => undefined,
  });
  const { context } = state;
  const repoId = 'repo1';
  context.config.repos.set(repoId, {
    repo: {
      id: repoId,
      name: 'repo',
      path: repo.path,
      addedAt: new Date().toISOString(),
      settings: { ...defaultRepoSettings },
    },
    commonDir: join(repo.path, '.git'),
  });
  let count = 0;
  return {
    state,
    context,
    root,
    repo,
    repoId,
    addTask(change = {}) {
      count += 1;
      const id = `t${count}`;
      const record = context.store.add(
        newTask({
          id,
          repoId,
          title: id,
          prompt: id,
          agent: 'scripted',
          model: null,
          baseRef: 'main',
          baseBranch: 'main',
          baseCommit: repo.git(['rev-parse', 'HEAD']),
          branch: `flotilla/${id}`,
          worktreePath: join(context.worktreesRoot, 'repo', id),
          createdAt: new Date().toISOString(),
        }),
      );
      record.task = { ...record.task, ...change };
      return record;
    },
  };
}
