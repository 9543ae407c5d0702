import { execFile } from 'node:child_process';
import { git } from '../git/git.js';
import { parseRemoteUrl } from '../worktree/pull-request-url.js';

/** A repository's GitHub remote: the host (github.com or an Enterprise host) and owner/name. */
export interface GithubRemote {
  host: string;
  path: string;
  /** What `gh --repo` takes: owner/name on github.com, host/owner/name elsewhere. */
  slug: string;
}

/** How long one gh call may take before it is given up (a slow network, a gh waiting for something). */
const ghTimeoutMs = 60_000;

/** What to do where gh is missing. */
export const installGh = 'Install the GitHub CLI from https://cli.github.com, then run `gh auth login`.';

/** Runs gh with the engine's environment; rejects with gh's own message when it fails. */
export function runGh(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'gh',
      [...args],
      { cwd, timeout: ghTimeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GH_PROMPT_DISABLED: '1' } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new Error(missing ? `gh is not installed. ${installGh}` : (stderr.trim() || error.message).trim()));
      },
    );
  });
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
