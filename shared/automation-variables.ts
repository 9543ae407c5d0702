import type { TriggerKind } from './automation.js';

/** Variables every run has, whatever fired it. */
const commonVariables = ['automation.name', 'repo.name', 'repo.path', 'run.reason', 'run.date', 'run.time'] as const;

const commitVariables = [
  'commit.sha',
  'commit.short',
  'commit.subject',
  'commit.body',
  'commit.author',
  'commit.branch',
  'commit.range',
  'commit.count',
  'commit.list',
] as const;

/** What a failing verify gives: the end of its output, the command, and its exit code (or how it ended). */
const failureVariables = ['failure.output', 'failure.command', 'failure.exitCode'] as const;

/** What an issue or pull request gives, from a webhook or the github trigger. */
const eventVariables = [
  'event.kind',
  'event.action',
  'event.title',
  'event.body',
  'event.url',
  'event.number',
  'event.sender',
  'event.repository',
] as const;

/** What only a webhook gives: a push's ref and commits, the delivery id, and the payload as JSON. */
const webhookVariables = ['event.ref', 'event.commits', 'event.delivery', 'event.json'] as const;

/** The {{variables}} a prompt may use, by the kind of trigger. */
export const triggerVariables: Record<TriggerKind, readonly string[]> = {
  schedule: [...commonVariables, 'schedule.cron', 'schedule.due', 'schedule.late'],
  commit: [...commonVariables, ...commitVariables],
  verifyFailed: [...commonVariables, ...commitVariables, ...failureVariables],
  webhook: [...commonVariables, ...eventVariables, ...webhookVariables],
  github: [...commonVariables, ...eventVariables, 'event.labels'],
  task: [...commonVariables, 'task.id', 'task.title', 'task.prompt', 'task.status', 'task.branch', 'task.event'],
};

const variablePattern = /\{\{\s*([\w.]+)\s*\}\}/g;

/** The variable names a prompt uses, in order of first use. */
export function variablesIn(prompt: string): string[] {
  return [...new Set([...prompt.matchAll(variablePattern)].map((match) => match[1] ?? ''))];
}

/**
 * What is wrong with a prompt's variables for a trigger (null when nothing): names the unknown ones and lists those
 * that exist, so a typo is caught when the automation is saved, not when it fires.
 */
export function variableProblem(prompt: string, on: TriggerKind): string | null {
  const known = triggerVariables[on];
  const unknown = variablesIn(prompt).filter((name) => !known.includes(name));
  if (unknown.length === 0) return null;
  const names = unknown.map((name) => `{{${name}}}`).join(', ');
  return `The prompt uses ${names}, which a ${on} trigger does not have. It has: ${known.map((name) => `{{${name}}}`).join(', ')}.`;
}

/** The prompt with each {{variable}} replaced by its value (an unknown one by nothing). */
export function renderPrompt(prompt: string, values: Readonly<Record<string, string>>): string {
  return prompt.replace(variablePattern, (_whole, name: string) => values[name] ?? '');
}
