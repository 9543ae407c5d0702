import { installGithubCli } from '../../shared/pull-request.js';
import { git } from '../git/git.js';
import { parseRemoteUrl } from '../worktree/pull-request-url.js';
import { GhError, runGhCall } from './gh.js';

/** The GitHub repository a remote points at: its host, and what `gh --repo` takes. */
export interface GithubRepository {
  host: string;
  /** owner/name on github.com, host/owner/name on an Enterprise host. */
  slug: string;
}

/** Whether gh can work on a remote: the repository it names, or why not and what to do. */
export type GhReadiness = { ready: true; repository: GithubRepository } | { ready: false; problem: string };

/** The GitHub repository a remote's fetch URL names; null when the remote is not on GitHub. */
export async function githubRepositoryOf(repoPath: string, remote: string): Promise<GithubRepository | null> {
  const { stdout } = await git({
    name: 'remote.getUrl',
    cwd: repoPath,
    args: ['remote', 'get-url', remote],
    readOnly: true,
  });
  const parsed = parseRemoteUrl(stdout);
  if (!parsed || !(parsed.host === 'github.com' || parsed.host.includes('github'))) return null;
  return { host: parsed.host, slug: parsed.host === 'github.com' ? parsed.path : `${parsed.host}/${parsed.path}` };
}

/**
 * Whether gh can open pull requests on the remote: it is a GitHub remote, gh is installed, and `gh auth status` says
 * it is logged in to the remote's host. Each problem says what to do.
 */
export async function ghReadiness(repoPath: string, remote: string): Promise<GhReadiness> {
  const repository = await githubRepositoryOf(repoPath, remote);
  if (repository === null) {
    return {
      ready: false,
      problem: `The remote ${remote} is not on GitHub, so gh cannot open a pull request there; open it on the remote's site.`,
    };
  }
  try {
    await runGhCall({ name: 'version', args: ['--version'], cwd: repoPath, timeoutMs: 15_000 });
    await runGhCall({
      name: 'auth.status',
      args: ['auth', 'status', '--hostname', repository.host],
      cwd: repoPath,
      timeoutMs: 30_000,
    });
  } catch (error) {
    return { ready: false, problem: ghProblemOf(error, repository.host) };
  }
  return { ready: true, repository };
}

/** A gh failure as a problem the user can act on, when it is one (missing, logged out); else rethrown. */
export function ghProblemOf(error: unknown, host: string): string {
  if (!(error instanceof GhError)) throw error;
  switch (error.kind) {
    case 'missing':
      return `${error.message} ${installGithubCli}.`;
    case 'failed': {
      const said = error.message.split('\n')[0]?.trim() ?? '';
      const login = host === 'github.com' ? 'gh auth login' : `gh auth login --hostname ${host}`;
      return `gh is not logged in to ${host}${said ? ` (gh said: ${said})` : ''}. Run ${login}, then try again.`;
    }
    case 'timedOut':
      return `${error.message} Check the network and that \`gh auth status\` works in a terminal, then try again.`;
    default: {
      const unreachable: never = error.kind;
      return unreachable;
    }
  }
}
