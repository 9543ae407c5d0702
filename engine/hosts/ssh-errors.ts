import type { HostConfig } from '../../shared/hosts.js';
import { EngineError } from '../errors.js';
import { bootstrapExit, minimumNodeMajor, parseSshTarget } from './ssh-command.js';

/** The last few lines ssh or the remote printed, for the end of a message. */
function said(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('@@@'));
  return lines.length ? ` (ssh said: ${lines.slice(-3).join(' / ')})` : '';
}

/**
 * The error for an ssh link that ended before the remote engine said hello: what went wrong, in the user's terms, and
 * what to do about it. ssh exits 255 for its own failures; the bootstrap script has its own codes.
 */
export function sshFailure(
  host: Pick<HostConfig, 'name' | 'target'>,
  code: number | null,
  stderr: string,
): EngineError {
  const { destination, port } = parseSshTarget(host.target);
  const hostName = destination.replace(/^.*@/, '');
  const known = port === null ? hostName : `[${hostName}]:${port}`;
  const ssh = port === null ? `ssh ${destination}` : `ssh -p ${port} ${destination}`;
  const details = { host: host.name, exitCode: code };
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|No .* host key is known/i.test(stderr)) {
    const changed = /HAS CHANGED/i.test(stderr);
    return new EngineError(
      'hostKeyRejected',
      changed
        ? `The host key of ${hostName} changed since it was recorded in known_hosts, so ssh refused to connect to ${host.name}. ` +
            `If the machine was reinstalled, confirm its new key with whoever runs it, then forget the old one with ` +
            `\`ssh-keygen -R '${known}'\` and connect once with \`${ssh}\` to accept the new one.`
        : `ssh does not know the host key of ${hostName} (or it does not match known_hosts), so it refused to connect to ${host.name}. ` +
            `Connect once with \`${ssh}\` to check and accept the key, then try again.`,
      details,
    );
  }
  if (/Permission denied|Too many authentication failures|no more authentication methods/i.test(stderr))
    return new EngineError(
      'hostLoginRefused',
      `${hostName} refused the ssh login for ${host.name}. Flotilla runs ssh in batch mode, so it cannot type a password: ` +
        `install your public key there (\`ssh-copy-id${port === null ? '' : ` -p ${port}`} ${destination}\`), load it into your ssh agent (\`ssh-add\`), ` +
        `or name it with --ssh-option "-i ~/.ssh/KEY". Check with \`${ssh} true\`.${said(stderr)}`,
      details,
    );
  if (code === bootstrapExit.noNode || code === bootstrapExit.oldNode)
    return new EngineError(
      'hostNodeMissing',
      `${code === bootstrapExit.oldNode ? 'The node' : 'No node'} on ${host.name} ${code === bootstrapExit.oldNode ? 'is too old' : 'was found'}${said(stderr)}. ` +
        `Install Node.js ${minimumNodeMajor} or later there, or give its path: \`flotilla host add ${host.name} ${host.target} --node /path/to/node\`.`,
      details,
    );
  if (code === bootstrapExit.noFlotilla)
    return new EngineError(
      'hostFlotillaMissing',
      `Flotilla is not installed on ${host.name}. Copy this engine there with \`flotilla host add ${host.name} ${host.target} --install\`, ` +
        `or install it there so \`flotilla\` is on the PATH of non-interactive ssh sessions.`,
      details,
    );
  if (code === 255 || /Connection refused|Could not resolve|timed out|No route to host|Connection closed/i.test(stderr))
    return new EngineError(
      'hostUnreachable',
      `Could not reach ${host.name} over ssh${said(stderr)}. Check that ${hostName} is up and that \`${ssh} true\` works from this machine.`,
      details,
    );
  return new EngineError(
    'engineUnavailable',
    `The Flotilla engine on ${host.name} did not start (exit code ${code ?? 'none'})${said(stderr)}. ` +
      `Run \`${ssh} flotilla serve --stdio\` to see why, or reinstall it with \`flotilla host add ${host.name} ${host.target} --install\`.`,
    details,
  );
}

/** The error for a remote engine whose protocol version differs from this client's, naming which side to update. */
export function protocolMismatch(
  host: Pick<HostConfig, 'name' | 'target'>,
  ours: { protocolVersion: number; engineVersion: string },
  theirs: { protocolVersion: number; engineVersion: string },
): EngineError {
  const update =
    theirs.protocolVersion < ours.protocolVersion
      ? `Update the engine on ${host.name}: \`flotilla host add ${host.name} ${host.target} --install\` copies this version (${ours.engineVersion}) there.`
      : `Update this Flotilla (the desktop app or CLI, ${ours.engineVersion}) to ${theirs.engineVersion} or later, or install this version on ${host.name} with \`flotilla host add ${host.name} ${host.target} --install\`.`;
  return new EngineError(
    'protocolMismatch',
    `The engine on ${host.name} speaks protocol ${theirs.protocolVersion} (Flotilla ${theirs.engineVersion}) and this Flotilla speaks protocol ${ours.protocolVersion} (${ours.engineVersion}), so they cannot work together. ${update}`,
    { host: host.name, ours: ours.protocolVersion, theirs: theirs.protocolVersion },
  );
}
