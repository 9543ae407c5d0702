import { git } from '../git/git.js';
import { engineSafeConfig } from '../git/safe-config.js';

/** Paths a notice names before it says how many more there are. */
const namedPaths = 5;

/** The worktree's changed paths (tracked, staged, or untracked but not ignored), as `git status` lists them. */
export async function changedPaths(worktree: string): Promise<string[]> {
  const out = await git({
    name: 'status.verifyLeftovers',
    cwd: worktree,
    args: [...engineSafeConfig, 'status', '--porcelain', '-z', '--untracked-files=all'],
    readOnly: true,
  });
  const entries = out.stdout.split('\0').filter(Boolean);
  const paths: string[] = [];
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] ?? '';
    paths.push(entry.slice(3));
    // A rename or copy is followed by the path it came from.
    if (entry[0] === 'R' || entry[0] === 'C') index += 1;
  }
  return paths;
}

/**
 * The warning for files a verify run left in a worktree that was clean when it started, or null when it left none:
 * they are not in the commit that was checked, so the result is stale for a merge until they are dealt with.
 */
export function leftoversNotice(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  const named = paths.slice(0, namedPaths).join(', ');
  const more = paths.length > namedPaths ? ` and ${paths.length - namedPaths} more` : '';
  return `The checks left files in the worktree that are not in the commit they checked: ${named}${more}. The next checkpoint adds them to the task branch, and a merge until then needs the checks again. Add them to .gitignore, or make the verify command clean up after itself.`;
}
