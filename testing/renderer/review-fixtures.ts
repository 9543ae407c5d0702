import type { CommandName, CommandParams, CommandResult } from '../../shared/commands.js';
import type { DiffFile, MergePreview, TaskDiff } from '../../shared/diff.js';
import type { Task } from '../../shared/task.js';
import type { EngineClient } from '../../renderer/src/transport/engine-client.js';
import { sampleTask } from './events.js';

/** Test handlers for the few engine commands a test needs; a call to any other command fails the test. */
export type FakeHandlers = {
  [C in CommandName]?: (params: CommandParams<C>) => CommandResult<C> | Promise<CommandResult<C>>;
};

/** A fake engine client for renderer unit tests, recording every call. */
export interface FakeClient extends EngineClient {
  calls: { method: CommandName; params: unknown }[];
}

/** Makes a fake engine client answering with `handlers` (tests only; the real engine is tested elsewhere). */
export function fakeClient(handlers: FakeHandlers): FakeClient {
  const calls: FakeClient['calls'] = [];
  const call = (async (method: CommandName, params: unknown) => {
    calls.push({ method, params });
    const handler = handlers[method] as ((params: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`The fake client has no handler for ${method}.`);
    return handler(params);
  }) as EngineClient['call'];
  return {
    calls,
    call,
    subscribe: () => () => undefined,
    onChange: () => () => undefined,
    onConnection: () => () => undefined,
  };
}

/** A finished task with a worktree, as the review tests expect (built on the shared sampleTask). */
export function makeTask(overrides: Partial<Task> = {}): Task {
  const id = overrides.id ?? 'task-1';
  return sampleTask({
    id,
    repoId: 'repo-1',
    title: 'Add a greeting',
    prompt: 'Add a greeting',
    baseCommit: 'a'.repeat(40),
    branch: `flotilla/greeting-${id}`,
    hasWorktree: true,
    status: 'done',
    phase: 'ready',
    turns: 1,
    ...overrides,
  });
}

/** A modified text file whose one hunk holds `lines` (raw, with their ' ', '+' or '-' prefixes). */
export function makeFile(path: string, lines: string[], overrides: Partial<DiffFile> = {}): DiffFile {
  const oldLines = lines.filter((line) => line[0] !== '+' && line[0] !== '\\').length;
  const newLines = lines.filter((line) => line[0] !== '-' && line[0] !== '\\').length;
  return {
    path,
    oldPath: null,
    status: 'modified',
    binary: false,
    additions: lines.filter((line) => line[0] === '+').length,
    deletions: lines.filter((line) => line[0] === '-').length,
    hunks: [{ header: `@@ -1,${oldLines} +1,${newLines} @@`, oldStart: 1, oldLines, newStart: 1, newLines, lines }],
    truncated: null,
    ...overrides,
  };
}

/** A task diff over `files`, with totals summed, its base `behind` commits ahead of it. */
export function makeDiff(files: DiffFile[], behind = 0): TaskDiff {
  return {
    mergeBase: 'b'.repeat(40),
    baseRef: 'main',
    files,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    behind,
    merged: null,
  };
}

/** A merge preview against `main` at `intoCommit`. */
export function makePreview(overrides: Partial<MergePreview> = {}): MergePreview {
  return {
    clean: true,
    conflicts: [],
    into: 'main',
    intoCommit: 'c'.repeat(40),
    taskCommit: 'd'.repeat(40),
    filesChanged: 1,
    unresolved: [],
    checkout: null,
    suggestedMessage: '',
    checks: null,
    ...overrides,
  };
}
