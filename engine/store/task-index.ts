import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ThreadEvent } from '../../shared/events.js';
import { reduceTask } from '../../shared/reduce-task.js';
import { taskSchema, type Task } from '../../shared/task.js';
import { readEventLog } from './event-log.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

// Version 2 summaries keep the agent's working time; a version 1 cache lacks it, so its tasks are replayed from their
// logs once.
const indexVersion = 2;

const indexSchema = z.object({
  version: z.union([z.literal(1), z.literal(indexVersion)]),
  entries: z.array(z.object({ task: taskSchema, seq: z.number(), logBytes: z.number() })),
});

/** One task as loaded at start-up: its summary, last sequence number and log size. */
export interface IndexedTask {
  task: Task;
  seq: number;
  logBytes: number;
  /** Lines of its log that could not be read (torn or corrupt), for a notice. */
  skippedLines: number;
}

/** Path of a task's thread log. */
export function threadLogPath(threadsDir: string, taskId: string): string {
  return join(threadsDir, `${taskId}.jsonl`);
}

/** Replays one thread log into a task summary. */
export function replayLog(path: string): (IndexedTask & { events: ThreadEvent[] }) | null {
  const { events, skippedLines, bytes } = readEventLog(path);
  let task: Task | null = null;
  for (const event of events) task = reduceTask(task, event);
  if (!task) return null;
  return { task, seq: events.at(-1)?.seq ?? 0, logBytes: bytes, skippedLines, events };
}

/**
 * Loads every task. The JSONL logs are the truth; tasks.json is a cache used only for logs whose
 * size still matches it, so a missing, corrupt or stale index is rebuilt from the logs.
 */
export function loadTaskIndex(indexPath: string, threadsDir: string): { tasks: IndexedTask[]; rebuilt: number } {
  const index = readJsonFile(indexPath, indexSchema);
  const cached = new Map(index?.entries.map((entry) => [entry.task.id, entry]) ?? []);
  const outdated = index?.version !== indexVersion;
  let files: string[];
  try {
    files = readdirSync(threadsDir).filter((name) => name.endsWith('.jsonl'));
  } catch {
    files = [];
  }
  const tasks: IndexedTask[] = [];
  let rebuilt = 0;
  for (const file of files) {
    const path = join(threadsDir, file);
    const id = file.slice(0, -'.jsonl'.length);
    const entry = cached.get(id);
    const fresh = entry && statSync(path).size === entry.logBytes;
    if (entry && fresh && !outdated) {
      tasks.push({ ...entry, skippedLines: 0 });
      continue;
    }
    const replayed = replayLog(path);
    if (!replayed) continue;
    // Replaying an older version's sound cache is an upgrade, not a repair worth a notice.
    if (!(fresh && outdated)) rebuilt += 1;
    tasks.push({
      task: replayed.task,
      seq: replayed.seq,
      logBytes: replayed.logBytes,
      skippedLines: replayed.skippedLines,
    });
  }
  tasks.sort((a, b) => a.task.createdAt.localeCompare(b.task.createdAt));
  return { tasks, rebuilt };
}

/** Writes the index cache. */
export function saveTaskIndex(indexPath: string, entries: readonly Omit<IndexedTask, 'skippedLines'>[]): void {
  writeJsonFile(indexPath, {
    version: indexVersion,
    entries: entries.map(({ task, seq, logBytes }) => ({ task, seq, logBytes })),
  });
}

/**
 * The index cache's text from each task's JSON text (which callers keep per task, so a save with a thousand tasks
 * stringifies only the ones that changed), one entry a line.
 */
export function taskIndexText(entries: readonly { taskJson: string; seq: number; logBytes: number }[]): string {
  const lines = entries.map(
    ({ taskJson, seq, logBytes }) => `{"task":${taskJson},"seq":${seq},"logBytes":${logBytes}}`,
  );
  return `{"version":${indexVersion},"entries":[\n${lines.join(',\n')}\n]}\n`;
}
