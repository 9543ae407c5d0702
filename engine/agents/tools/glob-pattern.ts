import { isGitName } from '../confine.js';

/** Why a glob pattern could reach outside the search folder or into git data, or null when it is safe. */
export function unsafeGlobReason(pattern: string): string | null {
  if (pattern.includes('\0')) return 'it contains a NUL byte';
  if (/^[a-zA-Z]:/.test(pattern) || pattern.startsWith('/') || pattern.startsWith('\\'))
    return 'it is absolute; give a pattern relative to the worktree (or to path)';
  const segments = pattern.split(/[\\/]/);
  if (segments.includes('..')) return 'it climbs out with ".."';
  if (segments.some(isGitName)) return 'files in .git are off limits';
  return null;
}

/** Whether a pattern asks for node_modules explicitly, which lifts the default ignore. */
export function mentionsNodeModules(pattern: string | undefined): boolean {
  return pattern !== undefined && pattern.split(/[\\/]/).includes('node_modules');
}

/** The folders glob and grep skip: always git data, node_modules unless asked for. */
export function ignoredFolders(includeNodeModules: boolean): string[] {
  return includeNodeModules ? ['.git'] : ['.git', 'node_modules'];
}
