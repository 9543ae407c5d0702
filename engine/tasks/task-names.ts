import { randomBytes } from 'node:crypto';

/** A new task id: 8 lowercase base-36 characters, short enough to type. */
export function newTaskId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A short, branch-safe slug of a prompt's first words ("Add a CONTRIBUTING.md" → "add-a-contributing-md"). */
export function slugify(prompt: string, maxLength = 24): string {
  const slug = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.slice(0, maxLength).replace(/-+$/g, '');
  return cut || 'task';
}

/** Where the engine puts the branches it makes for tasks. */
export const taskBranchPrefix = 'flotilla/';

/** The branch a task works on: `flotilla/<short-slug>-<id>`. */
export function taskBranch(prompt: string, id: string): string {
  return `${taskBranchPrefix}${slugify(prompt)}-${id}`;
}

/** A one-line title for lists: the prompt's first line, shortened. */
export function taskTitle(prompt: string, maxLength = 80): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

/** Folder name for a repository's worktrees: readable name plus its id, unique per repo. */
export function repoFolderName(name: string, repoId: string): string {
  return `${slugify(name, 40)}-${repoId}`;
}
