import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HostConfig } from '../../shared/hosts.js';
import { EngineError } from '../errors.js';
import { flotillaRoot, flotillaVersion } from '../package-info.js';
import { remoteEngineFolder, shellQuote, sshArguments } from './ssh-command.js';
import { sshFailure } from './ssh-errors.js';

/** The self-contained engine folder `--install` copies (scripts/build-remote.mjs), built first in a source checkout. */
export function remoteBundle(): string {
  const root = flotillaRoot();
  // In the packaged app the bundle is unpacked beside the asar (electron-builder.yml), where tar can read it.
  const bundle = join(root.replace(/app\.asar$/, 'app.asar.unpacked'), 'out', 'remote');
  const script = join(root, 'scripts', 'build-remote.mjs');
  const entry = join(bundle, 'out', 'cli', 'flotilla.mjs');
  const local = join(root, 'out', 'cli', 'flotilla.mjs');
  const stale = !existsSync(entry) || (existsSync(local) && statSync(local).mtimeMs > statSync(entry).mtimeMs);
  if (stale && existsSync(script)) {
    const built = spawnSync(process.execPath, [script, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (built.status !== 0)
      throw new EngineError('internal', `Could not build the engine to install: ${built.stderr.toString().trim()}`);
  }
  if (!existsSync(entry))
    throw new EngineError(
      'internal',
      `This Flotilla has no engine bundle to install (${bundle} is missing). Run \`npm run build:cli\` in its folder.`,
    );
  return bundle;
}

/**
 * Copies this engine to the host's data folder (`$XDG_DATA_HOME/flotilla/engine/<version>`, `current` pointing at it)
 * through one ssh connection: a tar stream on ssh's standard input, unpacked beside the old copy and swapped in, so
 * a remote engine starting meanwhile never sees half a copy. Returns the version installed.
 */
export async function installEngine(
  host: HostConfig,
  options: { sshPath?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const bundle = remoteBundle();
  const version = flotillaVersion();
  const folder = `${remoteEngineFolder}/${version}`;
  const script = [
    'set -e',
    `mkdir -p ${remoteEngineFolder}`,
    `rm -rf ${folder}.unpacking`,
    `mkdir ${folder}.unpacking`,
    `tar -xzf - -C ${folder}.unpacking`,
    `rm -rf ${folder}`,
    `mv ${folder}.unpacking ${folder}`,
    `ln -sfn ${shellQuote(version)} ${remoteEngineFolder}/current`,
  ].join('; ');
  const tar = spawn('tar', ['-czf', '-', '-C', bundle, '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ssh = spawn(options.sshPath ?? 'ssh', sshArguments(host, `sh -c ${shellQuote(script)}`), {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: options.env ?? process.env,
  });
  tar.stdout.pipe(ssh.stdin);
  ssh.stdin.on('error', () => undefined);
  let stderr = '';
  ssh.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8_192)));
  const [tarCode, sshCode] = await Promise.all([exitCode(tar), exitCode(ssh)]);
  if (sshCode === 255) throw sshFailure(host, sshCode, stderr);
  if (tarCode !== 0 || sshCode !== 0)
    throw new EngineError(
      'internal',
      `Installing Flotilla ${version} on ${host.name} failed (exit code ${sshCode}): ${stderr.trim() || 'no output'}. ` +
        'The remote needs tar and gzip, and room in its data folder.',
      { host: host.name },
    );
  return version;
}

function exitCode(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
}
