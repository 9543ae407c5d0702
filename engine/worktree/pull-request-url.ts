/**
 * A remote URL split into its host and repository path ("owner/name"), or null when it is not one of the usual forms.
 */
export function parseRemoteUrl(url: string): { host: string; path: string } | null {
  const trimmed = url.trim();
  // scp-like syntax: git@github.com:owner/name.git
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(trimmed);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return clean(scp[1] ?? '', scp[2] ?? '');
  try {
    const parsed = new URL(trimmed);
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol) || !parsed.hostname) return null;
    return clean(parsed.hostname, decodeURIComponent(parsed.pathname));
  } catch {
    return null;
  }
}

function clean(host: string, path: string): { host: string; path: string } | null {
  const repoPath = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return repoPath.includes('/') ? { host: host.toLowerCase(), path: repoPath } : null;
}

/**
 * The web page that opens a pull (or merge) request from `branch` into `base` for a remote on
 * GitHub, GitLab or Bitbucket (their hosted sites and hosts named after them); null for other hosts.
 */
export function pullRequestUrl(remoteUrl: string, base: string, branch: string): string | null {
  const remote = parseRemoteUrl(remoteUrl);
  if (!remote) return null;
  const site = `https://${remote.host}/${remote.path.split('/').map(encodeURIComponent).join('/')}`;
  const pathSegment = (name: string) => name.split('/').map(encodeURIComponent).join('/');
  if (remote.host === 'github.com' || remote.host.includes('github')) {
    return `${site}/compare/${pathSegment(base)}...${pathSegment(branch)}?expand=1`;
  }
  if (remote.host === 'gitlab.com' || remote.host.includes('gitlab')) {
    const query = new URLSearchParams({ 'merge_request[source_branch]': branch, 'merge_request[target_branch]': base });
    return `${site}/-/merge_requests/new?${query.toString()}`;
  }
  if (remote.host === 'bitbucket.org') {
    return `${site}/pull-requests/new?${new URLSearchParams({ source: branch, dest: base }).toString()}`;
  }
  return null;
}
