import type { TaskDiff } from '../../shared/diff.js';
import { describeChanges, type Task } from '../../shared/task.js';
import { describeVerify, isVerifyCurrent } from '../../shared/verify.js';

/** Files listed one by one in a drafted body; past this the rest are counted. */
const listedFiles = 30;

/** A drafted pull-request title: the task's title, on one line. */
export function draftPullRequestTitle(task: Pick<Task, 'title' | 'prompt'>): string {
  const title = task.title.replace(/\s+/g, ' ').trim() || task.prompt.replace(/\s+/g, ' ').trim();
  return title.length > 120 ? `${title.slice(0, 119)}…` : title;
}

/**
 * A drafted pull-request body in Markdown: what the agent was asked (the prompt), what changed (files and lines, from
 * the task's diff), and the verify result on the pushed commit.
 */
export function draftPullRequestBody(task: Task, diff: TaskDiff | null): string {
  const sections = [
    `## Task\n\n${task.prompt.trim()}`,
    `## Changes\n\n${changesSection(task, diff)}`,
    `## Checks\n\n${checksSection(task)}`,
    `---\nOpened from Flotilla task \`${task.id}\` (${task.agent}${task.model ? `, ${task.model}` : ''}).`,
  ];
  return `${sections.join('\n\n')}\n`;
}

function changesSection(task: Task, diff: TaskDiff | null): string {
  if (diff === null) return task.changes ? `${describeChanges(task.changes)}.` : 'Not counted.';
  const count = { files: diff.files.length, additions: diff.additions, deletions: diff.deletions };
  const lines = diff.files.slice(0, listedFiles).map((file) => {
    const what = file.binary ? 'binary' : `+${file.additions} −${file.deletions}`;
    const renamed = file.oldPath && file.oldPath !== file.path ? ` (from \`${file.oldPath}\`)` : '';
    return `- \`${file.path}\`${renamed} ${file.status}, ${what}`;
  });
  const more = diff.files.length - listedFiles;
  if (more > 0) lines.push(`- and ${more} more ${more === 1 ? 'file' : 'files'}`);
  return [`${describeChanges(count)}.`, ...lines].join('\n');
}

function checksSection(task: Task): string {
  const result = task.lastVerify;
  if (result === null) return task.verifyCommand === '' ? 'No verify command for this task.' : 'Not run by Flotilla.';
  const line = describeVerify(result);
  const commit = result.commit ? ` on ${result.commit.slice(0, 10)}` : '';
  return isVerifyCurrent(task)
    ? `${line}${commit}.`
    : `${line}${commit}, an older commit than the one pushed (not run on the latest).`;
}
