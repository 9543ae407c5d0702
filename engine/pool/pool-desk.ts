import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PoolWorktree } from '../../shared/pool.js';
import type { EngineContext, RepoEntry } from '../engine-context.js';
import { inBackground } from '../git/background.js';
import { withRepoLock } from '../git/repo-lock.js';
import { addWorktree, checkoutWorktree } from '../git/worktree-add.js';
import { checkoutDetached } from '../git/worktree-move.js';
import { pruneWorktrees } from '../git/worktree-prune.js';
import { removeWorktree } from '../git/worktree-remove.js';
import { resolveBase } from '../repos/branches.js';
import { copyIncludedFiles } from '../tasks/copy-included.js';
import { isInside } from '../tasks/paths.js';
import { runSetupScript } from '../tasks/setup-script.js';
import { repoFolderName } from '../tasks/task-names.js';
import { folderBytes } from './folder-bytes.js';
import { setupInputsKey } from './pool-inputs.js';

interface PoolEntry {
  path: string;
  commit: string;
  key: string;
  /** The setup settings it was prepared under (setupStamp): a claim under other ones passes it by. */
  settings: string;
  state: 'filling' | 'ready';
  bytes: number | null;
}

interface RepoPool {
  entries: PoolEntry[];
  base: string | null;
  filling: Promise<void> | null;
  /** Another fill was asked for while one ran: it runs once more after. */
  again: boolean;
}

/** How long after a claim the pool starts refilling. */
const refillDelayMs = 500;

/** How often the pools look at their base tips when nothing else woke them. */
const baseCheckMs = 60_000;

/**
 * Warm pools (issue "Speed and scale"): per repository, up to `poolSize` worktrees checked out detached at the tip of
 * the repository's current branch, with included files copied and the setup script run. A new task on that commit
 * claims one (synchronously, so a worktree never goes to two tasks) and the pool refills in the background, one
 * worktree at a time. When the base moves, pooled worktrees are checked out at the new tip, or rebuilt when the setup
 * inputs (script, patterns, lock files) changed. Pool worktrees are not tasks; they live in memory only and are
 * removed and made again when the engine starts.
 */
export class PoolDesk {
  private readonly pools = new Map<string, RepoPool>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly context: () => EngineContext) {}

  /** Removes pool worktrees a previous engine left, then fills the pools of repositories that have one. */
  start(): void {
    for (const entry of this.context().config.repos.values()) {
      void this.removeLeftovers(entry).then(() => this.fill(entry.repo.id));
    }
    this.timer = setInterval(() => {
      for (const id of this.pools.keys()) this.fill(id);
    }, baseCheckMs);
    this.timer.unref();
  }

  /**
   * Takes a ready pool worktree at `commit` for a new task, or null (no pool, none ready at that commit, or its setup
   * inputs changed). The caller moves it into place; the pool starts refilling.
   */
  async claim(repoId: string, commit: string): Promise<string | null> {
    const entry = this.context().config.repos.get(repoId);
    if (!entry || entry.repo.settings.poolSize === 0 || this.closed) return null;
    const pool = this.poolOf(repoId);
    // Its setup inputs were read at this commit under these settings when it was prepared: no git call here. No await
    // between the search and the splice either, so two claims can never take the same worktree.
    const settings = setupStamp(entry);
    const index = pool.entries.findIndex(
      (candidate) => candidate.state === 'ready' && candidate.commit === commit && candidate.settings === settings,
    );
    const taken = index >= 0 ? pool.entries.splice(index, 1)[0] : undefined;
    this.fillSoon(repoId);
    return taken?.path ?? null;
  }

  /** The pool of a repository as Settings lists it, with the disk each worktree uses. */
  async list(repoId: string): Promise<{ base: string | null; worktrees: PoolWorktree[] }> {
    const pool = this.poolOf(repoId);
    for (const entry of pool.entries)
      if (entry.state === 'ready' && entry.bytes === null) entry.bytes = await folderBytes(entry.path);
    return {
      base: pool.base,
      worktrees: pool.entries.map(({ path, commit, state, bytes }) => ({ path, commit, state, bytes })),
    };
  }

  /** Refills after a claim, a moment later, so the dispatch that claimed gets the machine first. */
  private fillSoon(repoId: string): void {
    setTimeout(() => this.fill(repoId), refillDelayMs).unref();
  }

  /** Asks a repository's pool to fill up to its size (or shrink), in the background. */
  fill(repoId: string): void {
    if (this.closed) return;
    const pool = this.poolOf(repoId);
    if (pool.filling) {
      pool.again = true;
      return;
    }
    pool.filling = inBackground(() => this.fillLoop(repoId, pool)).finally(() => {
      pool.filling = null;
      if (pool.again && !this.closed) {
        pool.again = false;
        this.fill(repoId);
      }
    });
  }

  /** Removes every ready pool worktree of a repository (or of all); returns how many. They come back on demand. */
  async clear(repoId?: string): Promise<number> {
    let removed = 0;
    for (const [id, pool] of this.pools) {
      if (repoId !== undefined && id !== repoId) continue;
      await pool.filling;
      const entry = this.context().config.repos.get(id);
      for (const worktree of pool.entries.splice(0)) {
        if (entry) await this.remove(entry, worktree.path);
        removed += 1;
      }
    }
    return removed;
  }

  /** Stops filling and waits for the fill in flight. The worktrees stay until the next engine removes them. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await Promise.all([...this.pools.values()].map((pool) => pool.filling?.catch(() => undefined)));
  }

  private poolOf(repoId: string): RepoPool {
    let pool = this.pools.get(repoId);
    if (!pool) {
      pool = { entries: [], base: null, filling: null, again: false };
      this.pools.set(repoId, pool);
    }
    return pool;
  }

  private async fillLoop(repoId: string, pool: RepoPool): Promise<void> {
    const context = this.context();
    const entry = context.config.repos.get(repoId);
    if (!entry) {
      this.pools.delete(repoId);
      return;
    }
    try {
      const size = entry.repo.settings.poolSize;
      while (pool.entries.length > size) {
        const extra = pool.entries.pop();
        if (extra) await this.remove(entry, extra.path);
      }
      if (size === 0) return;
      const base = await resolveBase(entry.repo.path, 'HEAD');
      pool.base = base.branch;
      const key = await setupInputsKey(entry.repo.path, base.commit, entry.repo.settings);
      const settings = setupStamp(entry);
      for (const worktree of [...pool.entries]) {
        if (this.closed || worktree.state !== 'ready') continue;
        if (worktree.commit === base.commit && worktree.settings === settings) continue;
        if (worktree.key !== key) {
          pool.entries.splice(pool.entries.indexOf(worktree), 1);
          await this.remove(entry, worktree.path);
          continue;
        }
        worktree.state = 'filling';
        await checkoutDetached(worktree.path, base.commit);
        Object.assign(worktree, { commit: base.commit, settings, state: 'ready', bytes: null });
      }
      while (!this.closed && pool.entries.length < size) {
        const worktree: PoolEntry = {
          path: join(context.worktreesRoot, repoFolderName(entry.repo.name, entry.repo.id), poolFolder()),
          commit: base.commit,
          key,
          settings,
          state: 'filling',
          bytes: null,
        };
        pool.entries.push(worktree);
        try {
          await this.prepare(entry, worktree);
          worktree.state = 'ready';
        } catch (error) {
          pool.entries.splice(pool.entries.indexOf(worktree), 1);
          await this.remove(entry, worktree.path);
          if (!this.closed)
            context.notices.push(
              `The warm pool of ${entry.repo.name} could not prepare a worktree: ${error instanceof Error ? error.message : String(error)}`,
            );
          return;
        }
      }
    } catch (error) {
      if (!this.closed)
        context.notices.push(
          `The warm pool of ${entry.repo.name} stopped filling: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
  }

  private async prepare(entry: RepoEntry, worktree: PoolEntry): Promise<void> {
    await withRepoLock(entry.commonDir, () =>
      addWorktree({
        repoPath: entry.repo.path,
        path: worktree.path,
        target: { kind: 'detached', commit: worktree.commit },
        checkout: false,
      }),
    );
    await checkoutWorktree(worktree.path);
    await copyIncludedFiles(entry.repo.path, worktree.path, entry.repo.settings.includePatterns);
    if (entry.repo.settings.setupScript.trim())
      await runSetupScript(entry.repo.settings.setupScript, worktree.path, () => {}, this.abort.signal);
  }

  private async remove(entry: RepoEntry, path: string): Promise<void> {
    const root = this.context().worktreesRoot;
    if (!isInside(root, path)) return;
    await withRepoLock(entry.commonDir, async () => {
      await removeWorktree(entry.repo.path, path, { mode: 'force', ifPresent: true });
      await rm(path, { recursive: true, force: true });
    });
  }

  private async removeLeftovers(entry: RepoEntry): Promise<void> {
    const folder = join(this.context().worktreesRoot, repoFolderName(entry.repo.name, entry.repo.id));
    if (!existsSync(folder)) return;
    const leftovers = readdirSync(folder).filter((name) => name.startsWith('pool-'));
    try {
      for (const name of leftovers) await this.remove(entry, join(folder, name));
      if (leftovers.length > 0) await pruneWorktrees(entry.repo.path);
    } catch (error) {
      this.context().notices.push(
        `Could not remove the old warm pool of ${entry.repo.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** The settings a prepared worktree depends on (the setup script and included files), as one string. */
function setupStamp(entry: RepoEntry): string {
  return JSON.stringify([entry.repo.settings.setupScript, entry.repo.settings.includePatterns]);
}

/** A pool worktree's folder name: never a task id (those have no dash). */
function poolFolder(): string {
  return `pool-${randomBytes(4).toString('hex')}`;
}
