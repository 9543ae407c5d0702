import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where Debian's openssh-server puts the daemon. */
export const sshdPath = '/usr/sbin/sshd';

/** Why sshd tests cannot run here, or null when they can. */
export function sshdMissing(): string | null {
  if (!existsSync(sshdPath)) return `${sshdPath} is missing: install Debian's openssh-server (.ci/run does).`;
  try {
    execFileSync('ssh', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'the ssh client is missing: install Debian openssh-client.';
  }
  return null;
}

/** How the throw-away server's remote side looks. */
export interface SshdOptions {
  /** Remote sessions get a PATH holding only `sh`: a remote without node. */
  withoutNode?: boolean;
}

/** A throw-away OpenSSH server on 127.0.0.1 standing in for a remote host, with keys only these tests know. */
export interface SshdKit {
  port: number;
  /** `ssh://user@127.0.0.1:port`. */
  target: string;
  /** ssh options that use the kit's user key and known_hosts and ignore the user's own ssh config. */
  sshOptions: string[];
  /** The same, but presenting a key the server does not accept. */
  refusedKeyOptions: string[];
  /** The same, but with a known_hosts that records another key for this server. */
  wrongHostKeyOptions: string[];
  /** XDG_DATA_HOME of remote sessions: where `--install` puts the engine. */
  dataHome: string;
  /** A FLOTILLA_HOME for the remote engine. */
  remoteHome: string;
  /** A folder with only `sh`, for a PATH without node. */
  shellOnlyPath: string;
  /** Stops the server and any remote engine started under remoteHome, and deletes the keys. */
  close(): Promise<void>;
}

/** Starts `sshd -D -e` on a free loopback port with a fresh host key, user key, authorized_keys and known_hosts. */
export async function startSshd(options: SshdOptions = {}): Promise<SshdKit> {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-sshd-'));
  const key = (name: string) => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir, name)]);
    return readFileSync(join(dir, `${name}.pub`), 'utf8').trim();
  };
  const hostKey = key('host_key');
  const otherHostKey = key('other_host_key');
  writeFileSync(join(dir, 'authorized_keys'), `${key('user_key')}\n`, { mode: 0o600 });
  key('stranger_key');
  const dataHome = join(dir, 'data');
  const remoteHome = join(dir, 'remote-home');
  const shellOnlyPath = join(dir, 'shell-only');
  mkdirSync(dataHome);
  mkdirSync(shellOnlyPath);
  symlinkSync('/bin/sh', join(shellOnlyPath, 'sh'));
  const port = await freePort();
  const user = userInfo().username;
  const remotePath = options.withoutNode ? shellOnlyPath : (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin');
  // Remote engines run the deterministic agent, as every engine a test starts does.
  const agent = process.env.FLOTILLA_DEFAULT_AGENT
    ? ` FLOTILLA_DEFAULT_AGENT=${process.env.FLOTILLA_DEFAULT_AGENT}`
    : '';
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      'LogLevel ERROR',
      `SetEnv XDG_DATA_HOME=${dataHome} PATH=${remotePath}${agent}`,
      '',
    ].join('\n'),
  );
  const knownHosts = (hostLine: string, file: string) => {
    writeFileSync(join(dir, file), `[127.0.0.1]:${port} ${hostLine.split(' ').slice(0, 2).join(' ')}\n`);
    return join(dir, file);
  };
  const common = (knownHostsFile: string, identity: string) => [
    '-F',
    '/dev/null',
    '-o',
    `UserKnownHostsFile=${knownHostsFile}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'LogLevel=ERROR',
    '-i',
    join(dir, identity),
  ];
  const right = knownHosts(hostKey, 'known_hosts');
  const wrong = knownHosts(otherHostKey, 'known_hosts_wrong');
  // As root, sshd insists on its privilege separation folder, which only the packaged service creates.
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  const daemon = spawn(sshdPath, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await listening(port, daemon, () => log);
  return {
    port,
    target: `ssh://${user}@127.0.0.1:${port}`,
    sshOptions: common(right, 'user_key'),
    refusedKeyOptions: common(right, 'stranger_key'),
    wrongHostKeyOptions: common(wrong, 'user_key'),
    dataHome,
    remoteHome,
    shellOnlyPath,
    async close() {
      await stopRemoteEngine(remoteHome);
      daemon.kill();
      await new Promise((resolve) => (daemon.exitCode === null ? daemon.once('exit', resolve) : resolve(null)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops the background engine a test's remote sessions started for a home, if one runs, and waits for it to exit. */
export async function stopRemoteEngine(home: string): Promise<void> {
  let pid: number | undefined;
  try {
    pid = (JSON.parse(readFileSync(join(home, 'engine.lock'), 'utf8')) as { pid?: number }).pid;
  } catch {
    return; // No engine was started there.
  }
  if (!pid) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive() && waited < 10_000; waited += 50) await sleep(50);
  if (alive()) process.kill(pid, 'SIGKILL');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function listening(port: number, daemon: ChildProcess, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 100; attempt++) {
    if (daemon.exitCode !== null) throw new Error(`sshd exited (${daemon.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}
