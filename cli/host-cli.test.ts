import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../shared/events.js';
import type { HostConfig, HostLinkState } from '../shared/hosts.js';
import { isProcessAlive, readHomeLock } from '../engine/host/home-lock.js';
import { openHostLink } from '../engine/hosts/host-link.js';
import { homePaths } from '../engine/home.js';
import { ProviderVault } from '../engine/store/provider-vault.js';
import { useCliHome } from '../testing/cli/cli-home.js';
import { captureIo } from '../testing/cli/test-io.js';
import { runCli } from './main.js';
import { createTempRepo } from '../testing/engine/temp-repo.js';
import { repoRoot } from '../testing/flotilla-process.js';
import { sshdMissing, startSshd, type SshdKit } from '../testing/ssh/sshd-kit.js';

const missing = sshdMissing();
if (missing) console.warn(`Skipping the remote host tests: ${missing}`);

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(missing !== null)('remote hosts over ssh (an OpenSSH server on 127.0.0.1)', () => {
  const home = useCliHome();
  let kit: SshdKit;
  beforeEach(async () => {
    kit = await startSshd();
  });
  afterEach(async () => {
    await kit.close();
  });

  /** The host as hosts.json would hold it, starting this checkout's flotilla instead of an installed copy. */
  const sourceHost = (): HostConfig => ({
    name: 'box',
    target: kit.target,
    sshOptions: kit.sshOptions,
    home: kit.remoteHome,
    command: `${process.execPath} ${join(repoRoot, 'cli', 'bin.mjs')}`,
    addedAt: new Date().toISOString(),
  });
  const sshOption = (options: string[]) => `--ssh-option=${options.join(' ')}`;

  it('installs the engine over ssh, then runs a repository and a task there while a second client follows its thread', async () => {
    // This machine's key, which the host is told to receive (and hold in memory only).
    new ProviderVault(homePaths(home.home), {}).updateProvider('anthropic', { apiKey: 'sk-ant-from-the-laptop' });
    const added = await home.cli(
      'host',
      'add',
      'box',
      kit.target,
      '--install',
      '--home',
      kit.remoteHome,
      sshOption(kit.sshOptions),
      '--send-key',
      'anthropic',
    );
    expect(added.err).toBe('');
    expect(added.out).toContain('Keys for anthropic are sent on each connection and held in the remote engine');
    expect(added.out).toMatch(/Installed Flotilla \d+\.\d+\.\d+ on box\./);
    expect(added.out).toMatch(/Added box: Flotilla \d+\.\d+\.\d+ on node \d+/);
    expect(existsSync(join(kit.dataHome, 'flotilla', 'engine', 'current', 'cli', 'bin.mjs'))).toBe(true);

    const listed = await home.cli('host', 'list');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/box\s+reachable\s+\d+\.\d+\.\d+\s+0\s+ssh:\/\//);

    const remoteRepo = createTempRepo({ 'README.md': '# remote\n' }, home.temp, 'remote-repo');
    const repoAdded = await home.cli('--host', 'box', 'repo', 'add', remoteRepo.path);
    expect(repoAdded.err).toBe('');
    expect(repoAdded.out).toContain(`at ${remoteRepo.path}`);
    const relative = await home.cli('--host', 'box', 'repo', 'add', 'remote-repo');
    expect(relative.code).toBe(2);
    expect(relative.err).toContain("Give the repository's absolute path on box");

    // A second client: the window's kind of link, watching every event.
    const hosts = JSON.parse(readFileSync(join(home.home, 'hosts.json'), 'utf8')) as { hosts: HostConfig[] };
    const watcher = openHostLink(hosts.hosts[0]!);
    const seen: ThreadEvent[] = [];
    watcher.subscribe((event) => seen.push(event));
    await watcher.whenConnected();
    try {
      const ran = await home.cli(
        '--host',
        'box',
        'run',
        '--repo',
        remoteRepo.path,
        '--wait',
        'say working on the remote\nwrite notes/remote.txt written on the build box',
      );
      expect(ran.err).not.toContain('error:');
      expect(ran.code).toBe(0);
      expect(ran.out).toContain('agent: working on the remote\n');
      const taskId = /Task (\w+) on branch/.exec(ran.err)?.[1];
      expect(taskId).toBeDefined();

      const diffed = await home.cli('--host', 'box', 'diff', taskId!);
      expect(diffed.err).toBe('');
      expect(diffed.out).toContain('+written on the build box');
      const { providers } = await watcher.call('provider/list', {});
      expect(providers.anthropic.hasApiKey).toBe(true);
      const remoteSecrets = join(kit.remoteHome, 'secrets.json');
      expect(existsSync(remoteSecrets) ? readFileSync(remoteSecrets, 'utf8') : '').not.toContain(
        'sk-ant-from-the-laptop',
      );
      // The terminal runs on the remote, through the installed engine's own node-pty.
      let output = '';
      watcher.onChange((change) => {
        if (change.type === 'terminal.output') output += change.data;
      });
      const { terminal } = await watcher.call('terminal/open', { taskId: taskId!, cols: 80, rows: 24 });
      await watcher.call('terminal/input', { terminalId: terminal.terminalId, data: 'echo remote-$((40 + 2)); pwd\n' });
      await until(() => output.includes('remote-42'), 'the remote terminal to answer');
      expect(output).toContain(join(kit.remoteHome, 'worktrees'));
      await watcher.call('terminal/close', { terminalId: terminal.terminalId });
      // Review and merge there: the remote repository's own branch gets the work.
      const merged = await home.cli('--host', 'box', 'merge', taskId!);
      expect(merged.err).not.toContain('error:');
      expect(merged.code).toBe(0);
      expect(remoteRepo.git(['show', 'main:notes/remote.txt'])).toContain('written on the build box');
      const local = await home.cli('list');
      expect(local.out).not.toContain(taskId);

      await until(
        () =>
          seen.some((event) => event.taskId === taskId && event.type === 'status.changed' && event.status === 'done'),
        'the watcher to see the task finish',
      );
      const { events } = await watcher.call('task/events', { taskId: taskId! });
      expect(seen.filter((event) => event.taskId === taskId).map((event) => event.seq)).toEqual(
        events.map((event) => event.seq),
      );
    } finally {
      await watcher.close();
    }
  });

  it('drops the ssh connection mid-turn and resumes the thread with no event lost or repeated', async () => {
    // Back in 1.5 s: the agent goes on meanwhile, so what it did in the gap must come from the catch-up.
    const link = openHostLink(sourceHost(), { backoffMs: () => 1_500 });
    const states: HostLinkState[] = [];
    link.onState((state) => states.push(state));
    const seen: ThreadEvent[] = [];
    link.subscribe((event) => seen.push(event));
    try {
      await link.whenConnected();
      const enginePid = link.info!.pid;
      const remoteRepo = createTempRepo({ 'README.md': '# remote\n' }, home.temp, 'remote-repo');
      const { repo } = await link.call('repo/add', { path: remoteRepo.path });
      const [task] = (
        await link.call('task/create', {
          repoId: repo.id,
          prompt:
            'say first\nsleep 300\nsay second\nwrite a.txt one\nsleep 300\nsay third\nwrite b.txt two\nsleep 2000\nsay fourth',
        })
      ).tasks;
      await until(
        () => seen.some((event) => event.type === 'agent.text' && event.text === 'first'),
        'the first message',
      );
      link.drop();
      await until(() => link.state === 'reconnecting', 'the link to notice the drop');
      await expect(link.call('task/list', {})).rejects.toThrow(/Reconnecting to box/);
      await until(() => link.state === 'connected', 'the link to reconnect');
      await until(
        () =>
          seen.some((event) => event.taskId === task!.id && event.type === 'status.changed' && event.status === 'done'),
        'the task to finish',
      );
      const { events } = await link.call('task/events', { taskId: task!.id });
      const mine = seen.filter((event) => event.taskId === task!.id).map((event) => event.seq);
      expect(mine).toEqual(events.map((event) => event.seq));
      expect(new Set(mine).size).toBe(mine.length);
      expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
      // The agent ran on while the link was down: the same remote engine, still alive.
      expect(link.info!.pid).toBe(enginePid);
      expect(isProcessAlive(enginePid)).toBe(true);
    } finally {
      await link.close();
    }
    // Closing the link never stops remote work: its engine keeps running.
    expect((await readHomeLock(kit.remoteHome))?.pid).toBeDefined();
  });

  it('keeps following a task with run --wait across a dropped connection, saying so', async () => {
    const { saveHost } = await import('../engine/hosts/hosts-file.js');
    saveHost(homePaths(home.home).hosts, sourceHost());
    const remoteRepo = createTempRepo({ 'README.md': '# remote\n' }, home.temp, 'remote-repo');
    const io = captureIo(home.home, { cwd: home.temp });
    const running = runCli(
      ['--host', 'box', 'run', '--repo', remoteRepo.path, '--wait', 'say before\nsleep 2500\nsay after the drop'],
      io,
    );
    await until(() => io.out().includes('agent: before'), 'the first message');
    // What a network drop looks like to this side: the ssh process dies.
    execFileSync('pkill', ['-KILL', '-f', `^ssh .*-p ${kit.port} `]);
    const code = await running;
    expect(io.err()).toContain('The connection to box dropped; reconnecting…');
    expect(io.err()).toContain('Reconnected to box; caught up on what happened meanwhile.');
    expect(io.out()).toContain('agent: after the drop\n');
    expect(io.out().match(/agent: before/g)).toHaveLength(1);
    expect(io.err()).not.toContain('error:');
    expect(code).toBe(0);
  });

  it('says what to do about a changed host key, a refused key, a remote without Flotilla, and another protocol version', async () => {
    const wrongKey = await home.cli('host', 'add', 'box', kit.target, sshOption(kit.wrongHostKeyOptions));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toContain('The host key of 127.0.0.1 changed since it was recorded in known_hosts');
    expect(wrongKey.err).toContain(`ssh-keygen -R '[127.0.0.1]:${kit.port}'`);

    const refused = await home.cli('host', 'add', 'box', kit.target, sshOption(kit.refusedKeyOptions));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('refused the ssh login for box');
    expect(refused.err).toContain('ssh-copy-id');

    const notInstalled = await home.cli('host', 'add', 'box', kit.target, sshOption(kit.sshOptions));
    expect(notInstalled.code).toBe(1);
    expect(notInstalled.err).toContain(
      `Flotilla is not installed on box. Copy this engine there with \`flotilla host add box ${kit.target} --install\``,
    );

    const future = join(home.temp, 'future-engine.sh');
    const hello = {
      method: 'engine/hello',
      params: { protocolVersion: 99, engineVersion: '9.0.0', nodeVersion: '30.0.0', home: '/x', pid: 1 },
    };
    writeFileSync(future, `printf '%s\\n' '${JSON.stringify(hello)}'; sleep 5\n`);
    const newer = await home.cli(
      'host',
      'add',
      'box',
      kit.target,
      sshOption(kit.sshOptions),
      '--command',
      `sh ${future}`,
    );
    expect(newer.code).toBe(1);
    expect(newer.err).toContain(
      'The engine on box speaks protocol 99 (Flotilla 9.0.0) and this Flotilla speaks protocol 1',
    );
    expect(newer.err).toContain('Update this Flotilla (the desktop app or CLI');

    // Nothing was remembered from the failed attempts.
    const listed = await home.cli('host', 'list');
    expect(listed.out).toContain('No hosts yet.');
    const unknown = await home.cli('--host', 'box', 'list');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(
      'No host "box". No hosts are added. Add one with `flotilla host add box <ssh target>`.',
    );
  });
});

const nodeElsewhere = ['/usr/local/bin/node', '/opt/homebrew/bin/node'].find((path) => existsSync(path));
if (!missing && nodeElsewhere)
  console.warn(`Skipping the no-node test: ${nodeElsewhere} exists, so every remote finds a node.`);

describe.skipIf(missing !== null || nodeElsewhere !== undefined)('a remote host without node', () => {
  const home = useCliHome();
  it('says to install Node.js there or give its path', async () => {
    const kit = await startSshd({ withoutNode: true });
    try {
      const added = await home.cli('host', 'add', 'bare', kit.target, `--ssh-option=${kit.sshOptions.join(' ')}`);
      expect(added.code).toBe(1);
      expect(added.err).toContain('No node on bare was found');
      expect(added.err).toContain('Install Node.js 20 or later there, or give its path: `flotilla host add bare');
    } finally {
      await kit.close();
    }
  });
});
