import type { ThreadEvent } from './events.js';
import { describeChanges } from './task.js';

/** The longest subject line a merge commit gets: what `git log --oneline` and most hosts show in full. */
export const maxSubjectLength = 72;
/** Files named one by one in the body; the rest are counted. */
const maxListedFiles = 20;
/** The agent's last message goes into the body only when it is at most this long. */
const maxFinalMessageChars = 600;
/** A prompt longer than this is shortened in the body (the thread keeps it whole). */
const maxPromptChars = 2000;

/** What a merge commit's message says: the task, what lands on the target, and the agent's last word. */
export interface MergeMessageInput {
  taskId: string;
  prompt: string;
  branch: string;
  agent: string;
  model: string | null;
  /** What the merge changes on the target; null when not known yet (no preview). */
  changes: { files: readonly string[]; additions: number; deletions: number } | null;
  /** The agent's last message (see finalAgentMessage); null when it said nothing. */
  finalMessage: string | null;
}

/**
 * A commit subject from a prompt: its first line, whitespace collapsed, capitalized, without a
 * trailing period, at most 72 characters and cut at a word (never a literal "…").
 */
export function mergeSubject(prompt: string, fallback = 'Flotilla task'): string {
  const line = (prompt.trim().split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
  let subject = line;
  if (subject.length > maxSubjectLength) {
    const cut = subject.slice(0, maxSubjectLength + 1);
    const space = cut.lastIndexOf(' ');
    // A single word longer than the limit is cut where it must be.
    subject = (space > maxSubjectLength / 3 ? cut.slice(0, space) : cut.slice(0, maxSubjectLength)).replace(
      /[\s,;:.\-–—(]+$/u,
      '',
    );
  }
  subject = subject.replace(/\.+$/, '').trim();
  if (!subject) return fallback;
  return subject.charAt(0).toLocaleUpperCase() + subject.slice(1);
}

/**
 * The default merge commit message: a real subject, then the prompt, the agent's summary, what changed and where it
 * came from.
 */
export function defaultMergeMessage(input: MergeMessageInput): string {
  const { changes, finalMessage } = input;
  const subject = mergeSubject(input.prompt, `Flotilla task ${input.taskId}`);
  const sections: string[] = [subject];
  const prompt = input.prompt.trim();
  // The prompt goes in unless the subject already says all of it.
  if (prompt && prompt.replace(/\s+/g, ' ').replace(/\.+$/, '').toLowerCase() !== subject.toLowerCase()) {
    sections.push(
      prompt.length > maxPromptChars
        ? `${prompt.slice(0, maxPromptChars).trimEnd()}\n[the prompt goes on; the task's thread has all of it]`
        : prompt,
    );
  }
  const summary = finalMessage?.trim() ?? '';
  if (summary && summary.length <= maxFinalMessageChars) sections.push(`The agent's summary:\n${summary}`);
  if (changes && changes.files.length > 0) {
    const { files } = changes;
    const listed = files.slice(0, maxListedFiles).map((path) => `- ${path}`);
    if (files.length > maxListedFiles) listed.push(`- and ${files.length - maxListedFiles} more`);
    sections.push(
      [
        `${describeChanges({ files: files.length, additions: changes.additions, deletions: changes.deletions })}:`,
        ...listed,
      ].join('\n'),
    );
  }
  const agent = input.model ? `${input.agent}, ${input.model}` : input.agent;
  sections.push(`Merged from Flotilla task ${input.taskId} (branch ${input.branch}; agent ${agent}).`);
  return sections.join('\n\n');
}

/**
 * What the agent said last: the text of its latest turn after that turn's last tool call (the
 * answer, not the "I will…" before the work). Null when the latest turn said nothing after its tools.
 */
export function finalAgentMessage(events: readonly ThreadEvent[]): string | null {
  let text = '';
  let last: string | null = null;
  for (const event of events) {
    switch (event.type) {
      case 'turn.started':
      case 'tool.started':
        text = '';
        break;
      case 'agent.text':
        text += event.text;
        break;
      case 'turn.ended':
        last = text.trim() || null;
        text = '';
        break;
      default:
        break;
    }
  }
  return last;
}
