import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { defaultRepoSettings } from '../../shared/repo.js';
import { isActive } from '../../shared/task.js';
import type { EngineContext, RepoEntry } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { pickerBranches } from '../repos/branch-picker.js';
import { currentBranch } from '../git/refs.js';
import { listBranches } from '../repos/branches.js';
import { inspectRepo } from '../repos/inspect-repo.js';
import { assertFolder } from '../store/engine-config.js';
import type { Handlers } from './handler.js';

/** Finds an added repository by id, or a clear error. */
export function requireRepo(context: EngineContext, repoId: string): RepoEntry {
  return context.config.requireRepo(repoId);
}

/** A stable id for a repository: a short hash of its real path. */
export function repoIdFor(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 10);
}

/** Repository commands: add, list, remove, update settings, list branches. */
export const repoCommands: Handlers<'repo/add' | 'repo/list' | 'repo/remove' | 'repo/update' | 'repo/branches'> = {
  async 'repo/add'(context, { path }) {
    const inspected = await inspectRepo(path, context.worktreesRoot);
    const id = repoIdFor(inspected.path);
    const existing = context.config.repos.get(id);
    if (existing) return { repo: existing.repo, alreadyAdded: true };
    const repo = {
      id,
      name: basename(inspected.path),
      path: inspected.path,
      addedAt: new Date().toISOString(),
      settings: { ...defaultRepoSettings },
    };
    context.config.repos.set(id, { repo, commonDir: inspected.commonDir });
    context.config.save();
    return { repo, alreadyAdded: false };
  },
  async 'repo/list'(context) {
    return { repos: [...context.config.repos.values()].map((entry) => entry.repo) };
  },
  async 'repo/remove'(context, { repoId }) {
    requireRepo(context, repoId);
    const busy = context.store.all().filter((record) => record.task.repoId === repoId && isActive(record.task.status));
    if (busy.length > 0) {
      throw new EngineError(
        'taskBusy',
        `${busy.length} task(s) of this repository are still running. Stop them first, then remove it.`,
      );
    }
    // Only Flotilla's record goes; the repository, its branches and task worktrees stay on disk (the pool's go).
    await context.pool.clear(repoId);
    context.config.repos.delete(repoId);
    context.config.save();
    return { removed: true };
  },
  async 'repo/update'(context, { repoId, settings }) {
    const entry = requireRepo(context, repoId);
    entry.repo = { ...entry.repo, settings: { ...entry.repo.settings, ...settings } };
    context.config.save();
    // A new pool size or new setup inputs: the pool grows, shrinks or rebuilds in the background.
    context.pool.fill(repoId);
    return { repo: entry.repo };
  },
  async 'repo/branches'(context, { repoId }) {
    const entry = requireRepo(context, repoId);
    assertFolder(entry);
    const [current, branches] = await Promise.all([currentBranch(entry.repo.path), listBranches(entry.repo.path)]);
    const tasks = context.store
      .all()
      .map((record) => record.task)
      .filter((task) => task.repoId === repoId);
    const details = pickerBranches(branches, current, tasks);
    return { current, branches: details.map((branch) => branch.name), details };
  },
};
