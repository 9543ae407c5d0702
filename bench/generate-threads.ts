import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ThreadEvent, ThreadEventInput } from '../shared/events.js';
import { reduceTask } from '../shared/reduce-task.js';
import { defaultRepoSettings } from '../shared/repo.js';
import { newTask } from '../shared/new-task.js';
import type { Task, TaskStatus } from '../shared/task.js';
import { repoIdFor } from '../engine/commands/repo-commands.js';
import { homePaths } from '../engine/home.js';
import { saveRepos } from '../engine/store/config-store.js';
import { saveTaskIndex, threadLogPath } from '../engine/store/task-index.js';

/** One stored thread to generate. */
export interface GeneratedThread {
  taskId: string;
  title: string;
  /** How many events the log holds (more when this is too few for its opening and closing events). */
  events: number;
  status: Extract<TaskStatus, 'done' | 'stopped' | 'failed'>;
  /** The text of the thread's very last agent message, to know when it is on screen. */
  lastMessage: string;
  /** A worktree the caller made for the task (on branch `flotilla/bench-<taskId>`); none when absent. */
  worktreePath?: string;
}

/** Where generated threads belong: an added repository (a real one, its base commit). */
export interface GeneratedHome {
  home: string;
  repoPath: string;
  baseCommit: string;
}

const words = 'the agent reads the code, changes what the task asks for, runs the tests and explains each step'.split(
  ' ',
);

/**
 * Writes finished threads straight into a home that no engine runs on yet: each as a valid JSONL
 * log (turns of streamed text and tool calls), plus repos.json with the repository and the
 * tasks.json index, as if an engine had recorded them. Returns the repository's id.
 */
export function generateThreads(target: GeneratedHome, threads: readonly GeneratedThread[]): string {
  const paths = homePaths(target.home);
  mkdirSync(paths.threads, { recursive: true });
  const repoId = repoIdFor(target.repoPath);
  saveRepos(paths.repos, [
    {
      id: repoId,
      name: basename(target.repoPath),
      path: target.repoPath,
      addedAt: new Date(0).toISOString(),
      settings: { ...defaultRepoSettings },
    },
  ]);
  const entries = threads.map((thread, index) => {
    const events = threadEvents(thread, repoId, target.baseCommit, Date.UTC(2026, 0, 1) + index * 60_000);
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    writeFileSync(threadLogPath(paths.threads, thread.taskId), text);
    let task: Task | null = null;
    for (const event of events) task = reduceTask(task, event);
    return { task: task as Task, seq: events.length, logBytes: Buffer.byteLength(text) };
  });
  saveTaskIndex(paths.taskIndex, entries);
  return repoId;
}

/** The events of one generated thread, numbered from 1, one second apart at most. */
function threadEvents(thread: GeneratedThread, repoId: string, baseCommit: string, startMs: number): ThreadEvent[] {
  const inputs: ThreadEventInput[] = [];
  const task = newTask({
    id: thread.taskId,
    repoId,
    title: thread.title,
    prompt: thread.title,
    agent: 'builtin',
    model: 'compatible:bench',
    baseRef: 'main',
    baseBranch: 'main',
    baseCommit,
    branch: `flotilla/bench-${thread.taskId}`,
    worktreePath: thread.worktreePath ?? `/nonexistent/flotilla-bench/${thread.taskId}`,
    createdAt: new Date(startMs).toISOString(),
  });
  inputs.push(
    { type: 'task.created', task },
    ...(thread.worktreePath
      ? [{ type: 'phase.changed', phase: 'ready', state: 'finished', durationMs: 0, detail: null } as const]
      : []),
    { type: 'status.changed', status: 'running', previous: 'queued', message: null },
  );
  const turns = Math.max(1, Math.round(thread.events / 1_000));
  const perTurn = Math.max(0, Math.floor((thread.events - 4) / turns) - 4);
  for (let turn = 1; turn <= turns; turn += 1) {
    if (turn > 1) inputs.push({ type: 'user.message', text: `Follow-up ${turn}: keep going with part ${turn}.` });
    inputs.push({ type: 'turn.started', turn });
    inputs.push(...turnBody(perTurn, `${thread.taskId}-${turn}`));
    if (turn === turns) inputs.push({ type: 'agent.text', text: `\n\n${thread.lastMessage}` });
    inputs.push({
      type: 'turn.ended',
      turn,
      reason: thread.status === 'stopped' ? 'stopped' : 'completed',
      message: null,
    });
  }
  inputs.push({
    type: 'status.changed',
    status: thread.status,
    previous: 'running',
    message: thread.status === 'failed' ? 'The bench thread failed on purpose.' : null,
  });
  // Top up to the exact count with streamed words before the closing message, turn end and status.
  const filler = Array.from({ length: Math.max(0, thread.events - inputs.length) }, (_, index): ThreadEventInput => ({
    type: 'agent.text',
    text: `${words[index % words.length]} `,
  }));
  inputs.splice(inputs.length - 3, 0, ...filler);
  return inputs.map(
    (input, index) =>
      ({
        ...input,
        taskId: thread.taskId,
        seq: index + 1,
        at: new Date(startMs + Math.min(index, 1_000) * 50).toISOString(),
      }) as ThreadEvent,
  );
}

/** About `count` events of one turn: streamed sentences, each followed by a tool call, and usage. */
function turnBody(count: number, callPrefix: string): ThreadEventInput[] {
  const body: ThreadEventInput[] = [];
  for (let step = 0; body.length < count; step += 1) {
    for (let word = 0; word < 12 && body.length < count; word += 1)
      body.push({ type: 'agent.text', text: `${words[(step + word) % words.length]} ` });
    const callId = `${callPrefix}-${step}`;
    body.push(
      { type: 'tool.started', callId, name: 'read_file', input: { path: `src/module-${step % 97}.ts` } },
      { type: 'tool.output', callId, text: fileText(step) },
      { type: 'tool.finished', callId, ok: true, result: `Read src/module-${step % 97}.ts (36 lines)`, durationMs: 3 },
    );
    if (step % 10 === 9)
      body.push({
        type: 'usage',
        model: 'compatible:bench',
        inputTokens: 1_000,
        outputTokens: 100,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd: 0,
      });
  }
  return body;
}

/** Thirty-six lines of a source file a tool read, so a long thread weighs about what a real one does on disk. */
function fileText(step: number): string {
  return Array.from(
    { length: 36 },
    (_, line) => `export const value${step}_${line} = compute(${step}, ${line});\n`,
  ).join('');
}
