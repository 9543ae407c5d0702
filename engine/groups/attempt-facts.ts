import type { TaskDiff } from '../../shared/diff.js';
import type { Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { diffTask } from '../tasks/task-diff.js';

/** What the judge and the synthesis are told about one attempt besides its task summary. */
export interface AttemptFacts {
  task: Task;
  /** The attempt's diff as unified text, cut to its share of the budget. */
  diff: string;
  /** What was cut from the diff (or why there is none); null when it is whole. */
  diffNote: string | null;
  /** Files the attempt touched. */
  files: string[];
}

/** Characters of diff text shared by all attempts of one request. */
export const diffBudgetChars = 60_000;
/** The least any one attempt's diff gets, however many attempts there are. */
const minimumShareChars = 4_000;

/** Reads every task's diff and cuts it to an even share of the budget. */
export async function collectAttemptFacts(context: EngineContext, tasks: readonly Task[]): Promise<AttemptFacts[]> {
  const share = Math.max(minimumShareChars, Math.floor(diffBudgetChars / Math.max(1, tasks.length)));
  return Promise.all(tasks.map((task) => factsOf(context, task, share)));
}

async function factsOf(context: EngineContext, task: Task, share: number): Promise<AttemptFacts> {
  let diff: TaskDiff;
  try {
    diff = await diffTask(context, task.id);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { task, diff: '', diffNote: `The diff could not be read: ${reason}`, files: [] };
  }
  const text = unifiedText(diff);
  const files = diff.files.map((file) => file.path);
  const cutFiles = diff.files.filter((file) => file.truncated !== null).map((file) => file.path);
  const notes: string[] = [];
  if (cutFiles.length > 0) notes.push(`hunks of ${cutFiles.join(', ')} were already cut by the diff reader`);
  if (text.length <= share)
    return { task, diff: text, diffNote: notes.length ? `Note: ${notes.join('; ')}.` : null, files };
  notes.unshift(`the diff is ${text.length} characters; only the first ${share} are shown`);
  return { task, diff: text.slice(0, share), diffNote: `Note: ${notes.join('; ')}.`, files };
}

/** A task diff as plain unified-diff text. */
function unifiedText(diff: TaskDiff): string {
  const parts: string[] = [];
  for (const file of diff.files) {
    const from = file.oldPath ?? file.path;
    parts.push(`--- a/${from}\n+++ b/${file.path}  (${file.status}, +${file.additions} -${file.deletions})`);
    if (file.binary) parts.push('(binary file)');
    for (const hunk of file.hunks) parts.push(hunk.header, ...hunk.lines);
    if (file.truncated) parts.push(`(cut: ${file.truncated.reason}; ${file.truncated.omittedLines} lines left out)`);
  }
  return parts.join('\n');
}
