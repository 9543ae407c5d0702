import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ThreadEvent, ThreadEventInput } from '../../shared/events.js';
import { newTask } from '../../shared/new-task.js';
import { reduceTask } from '../../shared/reduce-task.js';
import { defaultRepoSettings } from '../../shared/repo.js';
import type { Task, TaskStatus } from '../../shared/task.js';
import { repoIdFor } from '../../engine/commands/repo-commands.js';
import { homePaths } from '../../engine/home.js';
import { saveRepos } from '../../engine/store/config-store.js';
import { saveTaskIndex, threadLogPath } from '../../engine/store/task-index.js';

/** One finished task to write into a home before the engine starts. */
export interface SeededTask {
  id: string;
  title: string;
  status: Extract<TaskStatus, 'done' | 'merged' | 'failed' | 'stopped'>;
  /** Whether the agent ran without a sandbox (the "unsandboxed" label). */
  unsandboxed?: boolean;
  costUsd?: number;
  changes?: { files: number; additions: number; deletions: number };
  /** The last checks: passed, failed, or passed on a commit the branch has moved on from (stale). */
  verify?: 'passed' | 'failed' | 'stale';
}

/**
 * Writes finished tasks of one repository straight into a home no engine runs on yet (their JSONL
 * logs, repos.json and the task index), as an engine would have recorded them, so a spec can open
 * the window on many tasks at once without running agents. Returns the repository id.
 */
export function seedTasks(
  home: string,
  repo: { path: string; baseCommit: string },
  tasks: readonly SeededTask[],
): string {
  const paths = homePaths(home);
  mkdirSync(paths.threads, { recursive: true });
  const repoId = repoIdFor(repo.path);
  saveRepos(paths.repos, [
    {
      id: repoId,
      name: basename(repo.path),
      path: repo.path,
      addedAt: new Date(0).toISOString(),
      settings: { ...defaultRepoSettings },
    },
  ]);
  const startMs = Date.now() - tasks.length * 60_000;
  const entries = tasks.map((seeded, index) => {
    const events = seededEvents(seeded, repoId, repo.baseCommit, startMs + index * 60_000);
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    writeFileSync(threadLogPath(paths.threads, seeded.id), text);
    let task: Task | null = null;
    for (const event of events) task = reduceTask(task, event);
    return { task: task as Task, seq: events.length, logBytes: Buffer.byteLength(text) };
  });
  saveTaskIndex(paths.taskIndex, entries);
  return repoId;
}

function seededEvents(seeded: SeededTask, repoId: string, baseCommit: string, startMs: number): ThreadEvent[] {
  const task = newTask({
    id: seeded.id,
    repoId,
    title: seeded.title,
    prompt: seeded.title,
    agent: 'builtin',
    model: 'compatible:e2e-scripted',
    baseRef: 'main',
    baseBranch: 'main',
    baseCommit,
    branch: `flotilla/seeded-${seeded.id}`,
    worktreePath: `/nonexistent/flotilla-seeded/${seeded.id}`,
    createdAt: new Date(startMs).toISOString(),
  });
  const finished = seeded.status === 'merged' ? 'done' : seeded.status;
  const inputs: ThreadEventInput[] = [
    { type: 'task.created', task },
    { type: 'status.changed', status: 'running', previous: 'queued', message: null },
    ...(seeded.unsandboxed
      ? [{ type: 'sandbox.detected', sandbox: 'none', detail: 'bubblewrap cannot create a namespace here' } as const]
      : []),
    { type: 'turn.started', turn: 1 },
    { type: 'agent.text', text: `Worked on: ${seeded.title}` },
    {
      type: 'usage',
      model: 'compatible:e2e-scripted',
      inputTokens: 12_000,
      outputTokens: 900,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd: seeded.costUsd ?? 0,
    },
    { type: 'turn.ended', turn: 1, reason: finished === 'stopped' ? 'stopped' : 'completed', message: null },
    ...(seeded.changes ? [{ type: 'changes.counted', changes: seeded.changes } as const] : []),
    ...verifyEvents(seeded.verify),
    {
      type: 'status.changed',
      status: finished,
      previous: 'running',
      message: finished === 'failed' ? 'The model server went away.' : null,
    },
  ];
  if (seeded.status === 'merged') {
    inputs.push(
      { type: 'merged', commit: 'f'.repeat(40), into: 'main', mode: 'squash' },
      { type: 'status.changed', status: 'merged', previous: 'done', message: null },
    );
  }
  return inputs.map(
    (input, index) =>
      ({
        ...input,
        taskId: seeded.id,
        seq: index + 1,
        at: new Date(startMs + index * 1_000).toISOString(),
      }) as ThreadEvent,
  );
}

/** The events of one finished check, and for a stale one the commit that came after it. */
function verifyEvents(verify: SeededTask['verify']): ThreadEventInput[] {
  if (!verify) return [];
  const passed = verify !== 'failed';
  const commit = '1'.repeat(40);
  const events: ThreadEventInput[] = [
    { type: 'checkpoint', commit, message: 'flotilla: turn 1 completed' },
    { type: 'verify.started', command: 'npm test', commit, trigger: 'turn', retry: 0, retries: 2 },
    {
      type: 'verify.finished',
      result: {
        passed,
        outcome: passed ? 'passed' : 'failed',
        exitCode: passed ? 0 : 1,
        durationMs: 4_200,
        command: 'npm test',
        outputTail: passed ? 'all tests passed\n' : 'FAIL 1 test\n',
        outputChars: 16,
        commit,
        at: new Date(0).toISOString(),
      },
      willRetry: false,
      retry: 0,
      retries: 2,
    },
  ];
  if (verify === 'stale') events.push({ type: 'checkpoint', commit: '2'.repeat(40), message: 'flotilla: by hand' });
  return events;
}
