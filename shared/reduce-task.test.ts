import { describe, expect, it } from 'vitest';
import type { ThreadEvent, ThreadEventInput } from './events.js';
import { newTask } from './new-task.js';
import { reduceTask } from './reduce-task.js';
import { taskSchema, workingMs, type Task } from './task.js';

const created = newTask({
  id: 't1',
  repoId: 'r1',
  title: 'Task',
  prompt: 'Do it',
  agent: 'scripted',
  model: null,
  baseRef: 'main',
  baseBranch: 'main',
  baseCommit: 'c'.repeat(40),
  branch: 'flotilla/t1',
  worktreePath: '/tmp/t1',
  createdAt: '2025-01-01T00:00:00.000Z',
});

/** Folds events stamped at the given seconds after midnight into a task summary. */
function replay(events: [number, ThreadEventInput][]): Task {
  let task: Task | null = null;
  events.forEach(([second, input], index) => {
    const event = {
      ...input,
      taskId: 't1',
      seq: index + 1,
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString(),
    } as ThreadEvent;
    task = reduceTask(task, event);
  });
  if (!task) throw new Error('no task');
  return task;
}

const at = (second: number) => Date.UTC(2025, 0, 1, 0, 0, second);

describe('the working time in a task summary', () => {
  it('sums the turns, not the time from creation to the last event', () => {
    const task = replay([
      [0, { type: 'task.created', task: created }],
      [30, { type: 'turn.started', turn: 1 }],
      [34, { type: 'agent.text', text: 'done' }],
      [35, { type: 'turn.ended', turn: 1, reason: 'completed', message: null }],
      [35, { type: 'status.changed', status: 'done', previous: 'running', message: null }],
      [540, { type: 'merged', commit: 'abc', into: 'main', mode: 'squash' }],
      [
        541,
        { type: 'pushed', pushed: { remote: 'origin', branch: 'flotilla/t1', commit: 'abc', pullRequestUrl: null } },
      ],
    ]);
    expect(task.workMs).toBe(5000);
    expect(task.turnStartedAt).toBeNull();
    // Nothing runs, so the time stands still however late it is read.
    expect(workingMs(task, at(10_000))).toBe(5000);
  });

  it('counts the running turn up to now, and adds each further turn', () => {
    const running = replay([
      [0, { type: 'task.created', task: created }],
      [1, { type: 'turn.started', turn: 1 }],
      [3, { type: 'turn.ended', turn: 1, reason: 'failed', message: 'no' }],
      [100, { type: 'user.message', text: 'again' }],
      [100, { type: 'turn.started', turn: 2 }],
    ]);
    expect(running.workMs).toBe(2000);
    expect(running.turnStartedAt).toBe(new Date(at(100)).toISOString());
    expect(workingMs(running, at(107))).toBe(9000);
    const ended = reduceTask(running, {
      type: 'turn.ended',
      turn: 2,
      reason: 'stopped',
      message: null,
      taskId: 't1',
      seq: 9,
      at: new Date(at(110)).toISOString(),
    });
    expect(ended?.workMs).toBe(12_000);
    expect(ended?.turnStartedAt).toBeNull();
  });

  it('takes an interrupted turn’s own working time over the gap until the engine restarted', () => {
    const task = replay([
      [0, { type: 'task.created', task: created }],
      [1, { type: 'turn.started', turn: 1 }],
      [
        3600,
        {
          type: 'turn.ended',
          turn: 1,
          reason: 'interrupted',
          message: 'The engine stopped during this turn.',
          workMs: 4000,
        },
      ],
    ]);
    expect(task.workMs).toBe(4000);
  });

  it('reads summaries and logs from before it was kept: no working time yet, a turn.ended without its start adds nothing', () => {
    const { workMs: _workMs, turnStartedAt: _turnStartedAt, ...old } = created;
    const parsed = taskSchema.parse(old);
    expect(parsed).toMatchObject({ workMs: 0, turnStartedAt: null });
    const task = replay([
      [0, { type: 'task.created', task: parsed }],
      [9, { type: 'turn.ended', turn: 1, reason: 'completed', message: null }],
    ]);
    expect(task.workMs).toBe(0);
  });
});

describe('the verify retry in a task summary', () => {
  const result = {
    passed: false,
    outcome: 'failed' as const,
    exitCode: 1,
    durationMs: 800,
    command: 'npm test',
    outputTail: 'FAIL',
    outputChars: 4,
    commit: 'a'.repeat(40),
    at: '2025-01-01T00:00:05.000Z',
  };
  it('counts a retry once a failure goes back to the agent, and starts again at the person’s next message', () => {
    const task = replay([
      [0, { type: 'task.created', task: created }],
      [1, { type: 'user.message', text: 'Fix it' }],
      [2, { type: 'verify.started', command: 'npm test', commit: null, trigger: 'turn', retry: 0, retries: 2 }],
      [3, { type: 'verify.finished', result, willRetry: true, retry: 0, retries: 2 }],
    ]);
    expect(task).toMatchObject({ verifying: false, verifyRetry: 1, lastVerify: result });
    const again = reduceTask(task, {
      type: 'user.message',
      text: 'retry',
      origin: 'verify',
      taskId: 't1',
      seq: 4,
      at: task.updatedAt,
    } as ThreadEvent);
    expect(again?.verifyRetry).toBe(1);
    const person = reduceTask(again, {
      type: 'user.message',
      text: 'Now the docs',
      taskId: 't1',
      seq: 5,
      at: task.updatedAt,
    } as ThreadEvent);
    expect(person?.verifyRetry).toBe(0);
  });
});
