import type { ThreadEvent, ThreadEventInput } from '../../shared/events.js';
import { newTask } from '../../shared/new-task.js';
import type { Task } from '../../shared/task.js';

/** A task as the engine would report it, for renderer tests. */
export function sampleTask(overrides: Partial<Task> = {}): Task {
  const id = overrides.id ?? 't1';
  return newTask({
    id,
    repoId: 'r1',
    title: `Task ${id}`,
    prompt: `Do the thing ${id}`,
    agent: 'scripted',
    model: null,
    baseRef: 'main',
    baseBranch: 'main',
    baseCommit: 'c'.repeat(40),
    branch: `flotilla/thing-${id}`,
    worktreePath: `/tmp/worktrees/${id}`,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  });
}

/** Stamps event inputs for one task with increasing sequence numbers, as the engine does. */
export function eventStream(taskId: string, startSeq = 1): (input: ThreadEventInput) => ThreadEvent {
  let seq = startSeq;
  return (input) =>
    ({ ...input, taskId, seq: seq++, at: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString() }) as ThreadEvent;
}
