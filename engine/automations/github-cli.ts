import { git } from '../git/git.js';
import { GhError, runGhCall } from '../github/gh.js';
import { parseRemoteUrl } from '../worktree/pull-request-url.js';

/** A repository's GitHub remote: the host (github.com or an Enterprise host) and owner/name. */
export interface GithubRemote {
  host: string;
  path: string;
  /** What `gh --repo` takes: owner/name on github.com, host/owner/name elsewhere. */
  slug: string;
}

/** What to do where gh is missing. */
export const installGh = 'Install the GitHub CLI from https://cli.github.com, then run `gh auth login`.';

/** Runs gh (the engine's runner, so FLOTILLA_GH applies); rejects with gh's own message when it fails. */
export async function runGh(args: readonly string[], cwd: string): Promise<string> {
  try {
    return await runGhCall({ name: `automation.${args[0] ?? 'gh'}`, args, cwd });
  } catch (error) {
    if (error instanceof GhError && error.kind === 'missing')
      throw new Error(`gh is not installed. ${installGh}`, { cause: error });
    throw error;
  }
}

/** The repository's GitHub remote: origin's, else the first remote's; null when it has none git can name. */
export async function githubRemote(repoPath: string): Promise<GithubRemote | null> {
  const { stdout } = await git({ name: 'remote.list', cwd: repoPath, args: ['remote'], readOnly: true });
  const remotes = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  if (remote === undefined) return null;
  const { stdout: url } = await git({
    name: 'remote.getUrl',
    cwd: repoPath,
    args: ['remote', 'get-url', remote],
    readOnly: true,
  });
  const parsed = parseRemoteUrl(url);
  if (!parsed) return null;
  return { ...parsed, slug: parsed.host === 'github.com' ? parsed.path : `${parsed.host}/${parsed.path}` };
}

/**
 * Why a github trigger cannot work for the repository (null when it can): no GitHub remote, gh not installed, or gh
 * not logged in to the remote's host; each says what to do.
 */
export async function githubProblem(repoPath: string): Promise<string | null> {
  const remote = await githubRemote(repoPath);
  if (remote === null)
    return `${repoPath} has no GitHub remote to watch. Add one (git remote add origin https://github.com/<owner>/<name>).`;
  try {
    await runGh(['--version'], repoPath);
  } catch {
    return `The github trigger needs the GitHub CLI (gh), which this machine does not have. ${installGh}`;
  }
  try {
    await runGh(['auth', 'status', '--hostname', remote.host], repoPath);
  } catch (error) {
    const said = error instanceof Error ? error.message.split('\n')[0] : '';
    return `gh is not logged in to ${remote.host}${said ? ` (${said})` : ''}. Run \`gh auth login\`, then add it again.`;
  }
  return null;
}
