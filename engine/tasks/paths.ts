import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** True when `path` is strictly inside `root`, comparing real paths where they exist. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(real(root), real(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
