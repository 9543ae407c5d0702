import { createHash } from 'node:crypto';
import type { RepoSettings } from '../../shared/repo.js';
import { git } from '../git/git.js';

/** Lock files whose change means a prepared worktree's setup (installed dependencies) is out of date. */
const lockFiles = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lockb',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
  'requirements.txt',
  'Gemfile.lock',
  'composer.lock',
];

/**
 * What a prepared worktree's setup depends on, as one key: the setup script, the included-file patterns, and the blob
 * ids of the lock files at the commit (one git call). A pooled worktree whose key still matches can move to a new base
 * tip with a checkout; one whose key changed is rebuilt.
 */
export async function setupInputsKey(repoPath: string, commit: string, settings: RepoSettings): Promise<string> {
  const out = await git({
    name: 'pool.inputs',
    cwd: repoPath,
    args: ['ls-tree', commit, '--', ...lockFiles],
    readOnly: true,
  });
  return createHash('sha256')
    .update(settings.setupScript)
    .update('\0')
    .update(settings.includePatterns.join('\n'))
    .update('\0')
    .update(out.stdout)
    .digest('hex');
}
