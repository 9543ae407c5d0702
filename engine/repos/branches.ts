import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { readHead } from '../git/head-file.js';

/** A local branch and when its tip was committed. */
export interface LocalBranch {
  name: string;
  /** ISO 8601. */
  committedAt: string;
}

/** Local branches, most recently committed first. */
export async function listBranches(repoPath: string): Promise<LocalBranch[]> {
  const out = await git({
    name: 'branch.list',
    cwd: repoPath,
    // The full ref name, since the short one turns ambiguous ("heads/x") when a tag shares the name.
    args: ['for-each-ref', '--sort=-committerdate', '--format=%(refname)%00%(committerdate:iso-strict)', 'refs/heads/'],
    readOnly: true,
  });
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [ref = '', committedAt = ''] = line.split('\0');
      return { name: ref.slice('refs/heads/'.length), committedAt };
    });
}

/** A resolved base: the commit, and the branch name when the base is a local branch. */
export interface ResolvedBase {
  commit: string;
  branch: string | null;
}

/**
 * Resolves a branch, tag or commit (or HEAD, to the current branch) to a commit in one git call (none for HEAD in
 * the usual case); a clear error when it does not exist.
 */
export async function resolveBase(repoPath: string, base: string): Promise<ResolvedBase> {
  if (!base.trim() || base.startsWith('-'))
    throw new EngineError('baseNotFound', `"${base}" is not a valid base. Give a branch, tag or commit.`);
  // The usual base, the repository's current branch, is read from its HEAD and ref files (no git process).
  const head = base === 'HEAD' ? await readHead(repoPath) : null;
  if (head) return head;
  const out = await git({
    name: 'base.resolve',
    cwd: repoPath,
    args: ['rev-parse', `${base}^{commit}`, '--symbolic-full-name', base, '--'],
    okExitCodes: [128],
    readOnly: true,
  });
  const [commit, fullName] = out.stdout.split('\n').filter((line) => line && line !== '--');
  if (out.exitCode !== 0 || !commit) {
    throw new EngineError(
      'baseNotFound',
      `The base "${base}" does not exist in ${repoPath}. Give an existing branch, tag or commit (see \`git branch -a\`).`,
    );
  }
  return { commit, branch: fullName?.startsWith('refs/heads/') ? fullName.slice('refs/heads/'.length) : null };
}

/** Checks that a name is a valid branch name (git check-ref-format). */
export async function assertValidBranchName(repoPath: string, branch: string): Promise<void> {
  const out = await git({
    name: 'branch.checkName',
    cwd: repoPath,
    args: ['check-ref-format', '--branch', branch],
    okExitCodes: [1, 128],
    readOnly: true,
  });
  if (out.exitCode !== 0) throw new EngineError('invalidInput', `"${branch}" is not a valid branch name.`);
}
