import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The full path of an executable found on `searchPath` (a PATH value), or null. */
export function findExecutable(name: string, searchPath = process.env.PATH ?? ''): string | null {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const folder of searchPath.split(delimiter)) {
    if (!folder) continue;
    for (const extension of extensions) {
      const candidate = join(folder, name + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return null;
}

/** The shell agent commands run in: bash when installed, else sh. */
export function findShell(searchPath = process.env.PATH ?? ''): string {
  return findExecutable('bash', searchPath) ?? findExecutable('sh', searchPath) ?? '/bin/sh';
}
