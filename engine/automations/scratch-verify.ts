import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { verifyTailChars, type VerifyResult } from '../../shared/verify.js';
import { prepareLaunch } from '../agents/sandbox/launch.js';
import { HeadTailBuffer } from '../agents/tools/output-buffer.js';
import { runInProcessGroup, type ProcessEnd } from '../agents/tools/process-group.js';
import type { EngineContext, RepoEntry } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { withRepoLock } from '../git/repo-lock.js';
import { addWorktree } from '../git/worktree-add.js';
import { pruneWorktrees } from '../git/worktree-prune.js';
import { removeWorktree } from '../git/worktree-remove.js';
import { isInside } from '../tasks/paths.js';
import { outcomeOf } from '../verify/run-verify.js';

/** One verify of a commit outside any task: the command, its time limit, and what stops it (the engine closing). */
export interface ScratchVerify {
  entry: RepoEntry;
  /** Names the scratch folder: one verify at a time per owner, so a leftover of a crash is its own to clear. */
  owner: string;
  commit: string;
  command: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Where scratch checkouts live: inside FLOTILLA_HOME/worktrees, the only place the engine deletes from. */
export function scratchFolder(context: EngineContext, owner: string): string {
  return join(context.worktreesRoot, 'scratch', `verify-${owner}`);
}

/**
 * Runs a verify command on a commit in a scratch worktree (detached at the commit, under FLOTILLA_HOME, never the
 * user's checkout), sandboxed like an agent's bash without network, and removes the worktree afterwards, whatever
 * happened. A folder left by a crash is cleared first.
 */
export async function verifyInScratch(context: EngineContext, request: ScratchVerify): Promise<VerifyResult> {
  const { entry } = request;
  const folder = scratchFolder(context, request.owner);
  const started = performance.now();
  const tail = new HeadTailBuffer(0, verifyTailChars);
  const onOutput = (text: string) => tail.push(text);
  let end: ProcessEnd;
  try {
    await withRepoLock(entry.commonDir, async () => {
      await clearScratch(context, entry, folder);
      mkdirSync(join(folder, '..'), { recursive: true });
      await addWorktree({
        repoPath: entry.repo.path,
        path: folder,
        target: { kind: 'detached', commit: request.commit },
        checkout: true,
      });
    });
    const launch = await prepareLaunch({
      command: request.command,
      worktree: folder,
      policy: { mode: 'auto', allowNetwork: false },
      env: process.env,
    });
    end = await runInProcessGroup({ ...launch, timeoutMs: request.timeoutMs, signal: request.signal, onOutput });
  } catch (error) {
    end = { kind: 'failedToStart', message: toErrorData(error).message };
  } finally {
    await withRepoLock(entry.commonDir, () => clearScratch(context, entry, folder)).catch(() => undefined);
  }
  if (end.kind === 'failedToStart') onOutput(`The verify command could not start: ${end.message}\n`);
  const { outcome, exitCode } = outcomeOf(end);
  return {
    passed: outcome === 'passed',
    outcome,
    exitCode,
    durationMs: Math.round(performance.now() - started),
    command: request.command,
    outputTail: tail.toString().slice(-verifyTailChars),
    outputChars: tail.size,
    commit: request.commit,
    at: new Date().toISOString(),
  };
}

/** Removes a scratch worktree and git's record of it; callers hold the repo lock. */
async function clearScratch(context: EngineContext, entry: RepoEntry, folder: string): Promise<void> {
  if (!isInside(context.worktreesRoot, folder)) return;
  await removeWorktree(entry.repo.path, folder, { mode: 'force', ifPresent: true });
  if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
  await pruneWorktrees(entry.repo.path);
}
