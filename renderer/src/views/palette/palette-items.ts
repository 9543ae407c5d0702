import type { Repo } from '../../../../shared/repo.js';
import type { Task } from '../../../../shared/task.js';
import { statusLabel } from '../../components/status-text.js';

/** One row of the command palette: an action, or a task to open. */
export interface PaletteItem {
  id: string;
  kind: 'action' | 'task';
  label: string;
  /** A second, quieter line: the task's repository, branch and status; an action's shortcut. */
  detail: string;
  /** The texts a query is matched against (the label first). */
  haystack: readonly string[];
  disabled?: boolean;
}

/**
 * How well a query matches some texts, or null when it does not: every word of the query must
 * appear in one of them (whole substrings score higher, a word's start higher still), or, failing
 * that, its letters in order (so "mrgdlg" finds "merge dialog").
 */
export function matchScore(query: string, haystack: readonly string[]): number | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  const texts = haystack.map((text) => text.toLowerCase());
  let score = 0;
  for (const word of words) {
    let best = 0;
    texts.forEach((text, index) => {
      const at = text.indexOf(word);
      if (at < 0) {
        if (isSubsequence(word, text)) best = Math.max(best, 1);
        return;
      }
      const start = at === 0 || /[\s/_\-.]/.test(text[at - 1] ?? '');
      // The label (first text) counts most.
      best = Math.max(best, 3 + (start ? 2 : 0) + (index === 0 ? 1 : 0));
    });
    if (best === 0) return null;
    score += best;
  }
  return score;
}

function isSubsequence(word: string, text: string): boolean {
  let at = 0;
  for (const letter of word) {
    at = text.indexOf(letter, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

/** The palette's task rows: title, with repository, branch, status, id and automation to match and show. */
export function taskItems(tasks: Record<string, Task>, repos: readonly Repo[]): PaletteItem[] {
  const names = new Map(repos.map((repo) => [repo.id, repo.name]));
  return Object.values(tasks)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .map((task) => {
      const repo = names.get(task.repoId) ?? '';
      const status = task.archived ? `${statusLabel(task.status)}, archived` : statusLabel(task.status);
      return {
        id: `task:${task.id}`,
        kind: 'task',
        label: task.title,
        detail: [repo, task.branch, status, task.automation ? `by ${task.automation.name}` : '']
          .filter(Boolean)
          .join(' · '),
        haystack: [task.title, repo, task.branch, task.id, task.automation?.name ?? ''],
      };
    });
}

/** The items a query shows, best first (in their given order when the query is blank), at most `limit`. */
export function filterItems(items: readonly PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const scored: { item: PaletteItem; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = matchScore(query, item.haystack);
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((entry) => entry.item);
}
