import { git } from './git.js';

/** The files among `paths` that still hold conflict markers in the given commit. */
export async function filesWithConflictMarkers(
  cwd: string,
  commit: string,
  paths: readonly string[],
): Promise<string[]> {
  if (paths.length === 0) return [];
  const out = await git({
    name: 'grep.conflictMarkers',
    cwd,
    args: ['grep', '-l', '-E', '-e', '^(<<<<<<<|>>>>>>>)( |$)', commit, '--', ...paths],
    okExitCodes: [1],
    readOnly: true,
  });
  // Lines read `<commit>:<path>`.
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(commit.length + 1))
    .sort();
}
