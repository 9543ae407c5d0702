import { realpathSync, statSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { GitError } from '../git/git-error.js';
import { resolveCommit } from '../git/refs.js';
import { expandHome } from './expand-home.js';

/** What Flotilla needs to know about a folder the user wants to add. */
export interface InspectedRepo {
  /** Real path of the repository's main worktree. */
  path: string;
  /** Real path of the shared git dir (the key for per-repo locks). */
  commonDir: string;
}

/**
 * Checks that a path is the top folder of a non-bare git repository with at least one commit,
 * and is not a linked worktree or a folder inside another repository. A leading `~` means the
 * engine user's home.
 */
export async function inspectRepo(input: string, worktreesRoot: string): Promise<InspectedRepo> {
  const absolute = resolve(expandHome(input));
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new EngineError('folderMissing', `There is no folder at ${absolute}. Check the path and try again.`);
  }
  if (!stats.isDirectory())
    throw new EngineError('notAFolder', `${absolute} is a file, not a folder. Give the folder of a git repository.`);
  const path = realpathSync(absolute);
  const insideRoot = relative(safeRealpath(worktreesRoot), path);
  if (!insideRoot.startsWith('..') && !isAbsolute(insideRoot)) {
    throw new EngineError(
      'insideWorktree',
      `${path} is a Flotilla task worktree. Add the original repository instead.`,
    );
  }
  const ask = async (args: string[]) =>
    (await git({ name: 'repo.inspect', cwd: path, args: ['rev-parse', ...args], readOnly: true })).stdout.trim();
  let bare: string;
  try {
    bare = await ask(['--is-bare-repository']);
  } catch (error) {
    if (error instanceof GitError && error.kind === 'notARepo') {
      throw new EngineError(
        'notAGitRepo',
        `${path} is not a git repository. Run \`git init\` there and make a first commit, or choose another folder.`,
      );
    }
    throw error;
  }
  if (bare === 'true') {
    throw new EngineError(
      'bareRepo',
      `${path} is a bare repository, which has no files to work on. Add a clone with a working tree instead.`,
    );
  }
  const [topLevel, gitDir, commonDir] = (
    await ask(['--show-toplevel', '--absolute-git-dir', '--git-common-dir'])
  ).split('\n');
  const commonReal = realpathSync(resolve(path, commonDir ?? '.git'));
  if (realpathSync(gitDir ?? '') !== commonReal) {
    throw new EngineError(
      'insideWorktree',
      `${path} is a linked worktree of another repository (${commonReal}). Add the main repository instead.`,
    );
  }
  if (topLevel && realpathSync(topLevel) !== path) {
    throw new EngineError(
      'insideWorktree',
      `${path} is inside the repository at ${realpathSync(topLevel)}. Add that folder instead.`,
    );
  }
  if ((await resolveCommit(path, 'HEAD')) === null) {
    throw new EngineError(
      'noCommits',
      `${path} has no commits yet. Make a first commit (git commit --allow-empty -m "Initial commit"), then add it again.`,
    );
  }
  return { path, commonDir: commonReal };
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
