import type { HostConfig } from '../../shared/hosts.js';
import { EngineError } from '../errors.js';

/** How the remote bootstrap script reports what it could not find, by exit code (ssh itself exits 255). */
export const bootstrapExit = { noNode: 97, oldNode: 96, noFlotilla: 98 } as const;

/** The oldest Node.js major version the engine runs on. */
export const minimumNodeMajor = 20;

/** An ssh destination split into what `ssh` takes: `[user@]host` and an optional port. */
export interface SshDestination {
  destination: string;
  port: number | null;
}

/** Reads a host target: `ssh://user@host:port`, `user@host`, or a Host alias from ~/.ssh/config. */
export function parseSshTarget(target: string): SshDestination {
  const trimmed = target.trim();
  if (trimmed.startsWith('-') || /\s/.test(trimmed) || trimmed === '')
    throw new EngineError(
      'invalidInput',
      `"${target}" is not an ssh target. Give ssh://user@host[:port], user@host, or a Host alias from ~/.ssh/config.`,
    );
  if (!trimmed.startsWith('ssh://')) return { destination: trimmed, port: null };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new EngineError('invalidInput', `"${target}" is not an ssh:// address. Write it as ssh://user@host:port.`);
  }
  if (!url.hostname || (url.pathname && url.pathname !== '/'))
    throw new EngineError('invalidInput', `"${target}" is not an ssh:// address. Write it as ssh://user@host:port.`);
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { destination: `${user}${host}`, port: url.port ? Number(url.port) : null };
}

/** Quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `ssh` arguments that run `remoteCommand` on a host: batch mode (a link cannot answer prompts; failures become
 * messages), keep-alives so a dead link is noticed in under a minute, no tty so the channel carries frames byte for
 * byte. The user's ~/.ssh/config, agent, jump hosts and known_hosts all apply: this is the system ssh.
 */
export function sshArguments(host: Pick<HostConfig, 'target' | 'sshOptions'>, remoteCommand: string): string[] {
  const { destination, port } = parseSshTarget(host.target);
  return [
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    'ConnectTimeout=20',
    ...(port === null ? [] : ['-p', String(port)]),
    ...(host.sshOptions ?? []),
    '--',
    destination,
    remoteCommand,
  ];
}

/** Where on the remote an installed engine lives: one folder per version, `current` pointing at the one to run. */
export const remoteEngineFolder = '"${XDG_DATA_HOME:-$HOME/.local/share}/flotilla/engine"';

/**
 * The POSIX sh script that starts `flotilla <args>` on the remote: finds node (the configured one, else PATH, else the
 * usual install places), checks its version, then runs the installed engine, else a `flotilla` on PATH, else says
 * what is missing with a distinct exit code. Runs under whatever login shell the remote user has.
 */
export function bootstrapScript(host: Pick<HostConfig, 'home' | 'node' | 'command'>, args: string): string {
  const home = host.home ? `FLOTILLA_HOME=${shellQuote(host.home)}; export FLOTILLA_HOME; ` : '';
  if (host.command) return `sh -c ${shellQuote(`${home}exec ${host.command} ${args}`)}`;
  const findNode = host.node
    ? `node=${shellQuote(host.node)}; [ -x "$node" ] || { echo "flotilla-bootstrap: no node at $node" >&2; exit ${bootstrapExit.noNode}; }`
    : [
        'node=$(command -v node 2>/dev/null)',
        'for candidate in "$HOME"/.volta/bin/node /usr/local/bin/node /opt/homebrew/bin/node "$HOME"/.nvm/versions/node/*/bin/node; do [ -n "$node" ] && break; [ -x "$candidate" ] && node=$candidate; done',
        `[ -n "$node" ] || { echo "flotilla-bootstrap: no node on PATH ($PATH)" >&2; exit ${bootstrapExit.noNode}; }`,
      ].join('; ');
  const script = [
    home.trim(),
    findNode,
    `"$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= ${minimumNodeMajor} ? 0 : 1)' || { echo "flotilla-bootstrap: node $("$node" --version) at $node is too old" >&2; exit ${bootstrapExit.oldNode}; }`,
    `engine=${remoteEngineFolder}/current/cli/bin.mjs`,
    `if [ -f "$engine" ]; then exec "$node" "$engine" ${args}; fi`,
    `if command -v flotilla >/dev/null 2>&1; then exec flotilla ${args}; fi`,
    `echo "flotilla-bootstrap: no Flotilla in $engine or on PATH" >&2; exit ${bootstrapExit.noFlotilla}`,
  ]
    .filter(Boolean)
    .join('\n');
  return `sh -c ${shellQuote(script)}`;
}
