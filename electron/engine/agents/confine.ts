import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EngineError } from '../errors.js';

/**
 * Resolves a path an agent gave to a real path inside its worktree, or refuses: `..` escapes,
 * absolute paths outside, symlinks pointing out (checked on the deepest existing ancestor),
 * and anything inside `.git`.
 */
export async function resolveInside(root: string, requested: string): Promise<string> {
  const realRoot = await realpath(root);
  const target = resolve(realRoot, requested);
  const refuse = (why: string): never => {
    throw new EngineError('unsafePath', `Refused path "${requested}": ${why}. Use a path inside the task's worktree.`);
  };
  if (!isWithin(realRoot, target)) refuse('it is outside the worktree');
  let existing = target;
  const tail: string[] = [];
  for (;;) {
    try {
      existing = await realpath(existing);
      break;
    } catch {
      if (existing === realRoot || dirname(existing) === existing) break;
      tail.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  const resolved = tail.length ? join(existing, ...tail) : existing;
  if (!isWithin(realRoot, resolved) && resolved !== realRoot) refuse('it leads outside the worktree through a symlink');
  const parts = relative(realRoot, resolved).split(sep);
  if (parts.includes('.git')) refuse('files in .git are off limits');
  return resolved;
}

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
