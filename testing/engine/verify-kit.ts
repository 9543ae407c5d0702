import type { ThreadEvent, ThreadEventOf } from '../../shared/events.js';
import type { RepoSettings } from '../../shared/repo.js';
import type { Task } from '../../shared/task.js';
import type { ThreadItemOf } from '../../shared/thread-items.js';
import { ThreadBuilder } from '../../shared/thread-builder.js';
import { EventPrinter } from '../../cli/format-event.js';
import { detectSandbox, type SandboxInfo } from '../../engine/agents/sandbox/detect.js';
import type { EngineOptions } from '../../engine/engine.js';
import type { EngineError } from '../../engine/errors.js';
import { startHarness, type EngineHarness } from './engine-harness.js';
import { ofType } from './thread-events.js';

/**
 * A verify command that fails until fixed.txt exists, printing a line both test agents read as a step that creates it:
 * the scripted agent and the ACP fixture agent run `write fixed.txt ok` from the retry message they are sent.
 */
export const fixedByRetry = 'test -f fixed.txt || { echo "write fixed.txt ok"; exit 1; }';

/** Statuses a task rests in once its turn and checks are settled. */
export const settled = ['done', 'failed', 'stopped', 'interrupted'] as const;

/** Starts an engine on a temp repository whose settings are changed as given (a verify command, retries, ...). */
export async function startVerifyHarness(
  settings: Partial<RepoSettings> = {},
  options: Partial<EngineOptions> & { files?: Record<string, string> } = {},
): Promise<EngineHarness> {
  const harness = await startHarness(options);
  if (Object.keys(settings).length > 0) await harness.engine.call('repo/update', { repoId: harness.repoId, settings });
  return harness;
}

/** Runs a scripted task to rest and returns it with its thread. */
export async function runToRest(
  harness: EngineHarness,
  prompt: string,
  extra: Parameters<EngineHarness['createTask']>[1] = {},
): Promise<{ task: Task; thread: ThreadEvent[] }> {
  const created = await harness.createTask(prompt, { agent: 'scripted', ...extra });
  const task = await harness.waitFor(created.id, [...settled]);
  return { task, thread: await harness.threadOf(created.id) };
}

/** The verify.finished events of a thread, in order. */
export function verifyResults(thread: readonly ThreadEvent[]): ThreadEventOf<'verify.finished'>[] {
  return ofType(thread, 'verify.finished');
}

/** The messages Flotilla sent back to the agent after failed checks, in order. */
export function retryMessages(thread: readonly ThreadEvent[]): string[] {
  return ofType(thread, 'user.message')
    .filter((event) => event.origin === 'verify')
    .map((event) => event.text);
}

/** The thread's verify rows as the window and the CLI build them. */
export function verifyItems(thread: readonly ThreadEvent[]): ThreadItemOf<'verify'>[] {
  const builder = new ThreadBuilder();
  builder.apply(thread);
  return builder.items.filter((item): item is ThreadItemOf<'verify'> => item.kind === 'verify');
}

/** The thread as `flotilla` prints it. */
export function printedThread(thread: readonly ThreadEvent[]): string {
  const printer = new EventPrinter();
  return thread.map((event) => printer.push(event)).join('');
}

/** The machine's sandbox; tests that need one print why they do not run without it. */
export async function usableSandbox(): Promise<SandboxInfo | null> {
  const info = await detectSandbox();
  if (info.kind !== 'none') return info;
  console.warn(`Sandbox verify tests not run: no usable sandbox on this machine: ${info.detail}`);
  return null;
}

/** The error a call that must fail threw (fails the test when it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    return error as EngineError;
  }
  throw new Error('expected the call to fail');
}
