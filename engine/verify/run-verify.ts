import { verifyTailChars, type VerifyOutcome, type VerifyResult } from '../../shared/verify.js';
import { prepareLaunch } from '../agents/sandbox/launch.js';
import { HeadTailBuffer } from '../agents/tools/output-buffer.js';
import { runInProcessGroup, type ProcessEnd } from '../agents/tools/process-group.js';
import type { EngineContext } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { headCommit } from '../git/refs.js';
import type { TaskRecord } from '../tasks/task-record.js';
import { VerifyOutputStream } from './output-stream.js';
import { changedPaths, leftoversNotice } from './verify-leftovers.js';

/** Exit code of a shell whose command does not exist. */
const notFoundExitCode = 127;

/** One verify run of a task. */
export interface VerifyRun {
  command: string;
  timeoutMs: number;
  trigger: 'turn' | 'request';
  /** Retries already used in this round, and how many it may use. */
  retry: number;
  retries: number;
  signal: AbortSignal;
  /** Whether this result goes back to the agent (recorded on verify.finished). */
  willRetry(result: VerifyResult): boolean;
}

/**
 * Runs the verify command in the task's worktree, in the same sandbox as the agent's bash (network only when the task
 * allows it), with a time limit, streaming its output into the thread: verify.started, verify.output batches,
 * verify.finished with the result. Always ends with verify.finished, whatever happens.
 */
export async function runVerify(context: EngineContext, record: TaskRecord, run: VerifyRun): Promise<VerifyResult> {
  const taskId = record.task.id;
  const commit = await headCommit(record.task.worktreePath).catch(() => record.task.lastCommit);
  // Both callers checkpoint first, so a clean worktree is the rule; what is loose afterwards the checks left.
  const cleanBefore = (await changedPaths(record.task.worktreePath).catch(() => null))?.length === 0;
  context.store.record(taskId, {
    type: 'verify.started',
    command: run.command,
    commit,
    trigger: run.trigger,
    retry: run.retry,
    retries: run.retries,
  });
  const started = performance.now();
  const tail = new HeadTailBuffer(0, verifyTailChars);
  const stream = new VerifyOutputStream((text) => context.store.record(taskId, { type: 'verify.output', text }));
  const onOutput = (text: string) => {
    tail.push(text);
    stream.push(text);
  };
  let end: ProcessEnd;
  try {
    const launch = await prepareLaunch({
      command: run.command,
      worktree: record.task.worktreePath,
      policy: { mode: 'auto', allowNetwork: record.task.allowNetwork },
      env: process.env,
    });
    end = await runInProcessGroup({ ...launch, timeoutMs: run.timeoutMs, signal: run.signal, onOutput });
  } catch (error) {
    end = { kind: 'failedToStart', message: toErrorData(error).message };
  }
  if (end.kind === 'failedToStart') onOutput(`The verify command could not start: ${end.message}\n`);
  stream.flush();
  const { outcome, exitCode } = outcomeOf(end);
  const result: VerifyResult = {
    passed: outcome === 'passed',
    outcome,
    exitCode,
    durationMs: Math.round(performance.now() - started),
    command: run.command,
    outputTail: tail.toString().slice(-verifyTailChars),
    outputChars: tail.size,
    commit,
    at: new Date().toISOString(),
  };
  const willRetry = run.willRetry(result);
  context.store.record(taskId, { type: 'verify.finished', result, willRetry, retry: run.retry, retries: run.retries });
  const left = cleanBefore ? leftoversNotice(await changedPaths(record.task.worktreePath).catch(() => [])) : null;
  if (left !== null) context.store.record(taskId, { type: 'notice', level: 'warning', message: left });
  return result;
}

/** How a verify command ended, as a verify outcome and exit code. */
export function outcomeOf(end: ProcessEnd): { outcome: VerifyOutcome; exitCode: number | null } {
  switch (end.kind) {
    case 'exited':
      if (end.exitCode === 0) return { outcome: 'passed', exitCode: 0 };
      if (end.exitCode === notFoundExitCode) return { outcome: 'notFound', exitCode: notFoundExitCode };
      return { outcome: 'failed', exitCode: end.exitCode };
    case 'timedOut':
      return { outcome: 'timedOut', exitCode: null };
    case 'aborted':
      return { outcome: 'stopped', exitCode: null };
    case 'failedToStart':
      return { outcome: 'failedToStart', exitCode: null };
    default: {
      const unreachable: never = end;
      throw new Error(`Unknown process end ${JSON.stringify(unreachable)}`);
    }
  }
}
