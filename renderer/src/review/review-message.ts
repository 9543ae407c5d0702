import type { ReviewComment } from './review-state.js';

/**
 * Builds the one follow-up message "Request changes" sends: every comment as
 * `file:line — quoted line — comment`, grouped under its file. Files follow `fileOrder` (the diff's
 * order) and then the rest alphabetically; comments within a file go by line.
 */
export function formatReviewMessage(comments: readonly ReviewComment[], fileOrder: readonly string[] = []): string {
  const byFile = new Map<string, ReviewComment[]>();
  for (const comment of comments) {
    const list = byFile.get(comment.path) ?? [];
    list.push(comment);
    byFile.set(comment.path, list);
  }
  const rank = new Map(fileOrder.map((path, index) => [path, index]));
  const paths = [...byFile.keys()].sort(
    (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a.localeCompare(b),
  );
  const sections = paths.map((path) => {
    const list = [...byFile.get(path)!].sort(
      (a, b) => a.line - b.line || (a.side === b.side ? 0 : a.side === 'old' ? -1 : 1),
    );
    return [path, ...list.map(formatComment)].join('\n');
  });
  const count = comments.length === 1 ? 'this review comment' : `these ${comments.length} review comments`;
  return `Please address ${count} on your changes:\n\n${sections.join('\n\n')}\n`;
}

function formatComment(comment: ReviewComment): string {
  const where = `${comment.path}:${comment.line}${comment.side === 'old' ? ' (removed line)' : ''}`;
  const text = comment.text.trim().split('\n').join('\n  ');
  return `- ${where} — ${quoteCode(comment.quote)} — ${text}`;
}

/** Quotes a line as inline code, with a fence longer than any backtick run inside it. */
function quoteCode(line: string): string {
  const trimmed = line.trim();
  if (trimmed.length === 0) return '(blank line)';
  const longestRun = Math.max(0, ...(trimmed.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = trimmed.startsWith('`') || trimmed.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${trimmed}${pad}${fence}`;
}
