import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runTool } from '../tools/registry.js';
import { liveProcesses, makeToolContext, waitForNoProcess } from '../../../testing/agents/tool-test-support.js';
import { createWorktreeFixture, type WorktreeFixture } from '../../../testing/agents/worktree-fixture.js';
import { detectSandbox } from './detect.js';
import type { SandboxPolicy } from './policy.js';

const info = await detectSandbox();

if (info.kind === 'bubblewrap') {
  describe('bash under bubblewrap', () => {
    let fixture: WorktreeFixture;
    const tag = `flotilla-sandbox-${process.pid}-${Date.now()}`;
    beforeEach(() => {
      fixture = createWorktreeFixture();
    });
    afterEach(() => fixture.remove());

    const bash = (command: string, policy: SandboxPolicy = { mode: 'auto', allowNetwork: false }, context = {}) =>
      runTool('bash', { command }, makeToolContext(fixture.worktree, { sandbox: policy, ...context }));

    test('writes inside the worktree; writes outside it fail and never reach the disk', async () => {
      const inside = await bash('echo in > inside.txt && cat inside.txt');
      expect(inside).toEqual({ ok: true, output: 'in\n[exit code 0]' });
      expect(readFileSync(join(fixture.worktree, 'inside.txt'), 'utf8')).toBe('in\n');
      const home = await bash(`echo x > /tmp/../$HOME/${tag}`);
      expect(home.ok).toBe(false);
      expect(home.output).toMatch(/Read-only file system/);
      expect(existsSync(join(homedir(), tag))).toBe(false);
      await bash(`echo x > ../${tag}; echo x > ${fixture.outside}/${tag}`);
      expect(existsSync(join(fixture.parent, tag))).toBe(false);
      expect(existsSync(join(fixture.outside, tag))).toBe(false);
    });

    test('gets a private, writable /tmp', async () => {
      const result = await bash(`echo t > /tmp/${tag} && cat /tmp/${tag} && echo $TMPDIR`);
      expect(result).toEqual({ ok: true, output: 't\n/tmp\n[exit code 0]' });
      expect(existsSync(join('/tmp', tag))).toBe(false);
      expect(existsSync(join(tmpdir(), tag))).toBe(false);
    });

    test('cannot write git data: commits, the .git file and hooks all fail', async () => {
      const head = fixture.repo.git(['rev-parse', 'task']);
      const gitFile = readFileSync(join(fixture.worktree, '.git'), 'utf8');
      const status = await bash('git status --short && echo status-ok');
      expect(status.output).toContain('status-ok');
      const commit = await bash(
        'echo change > file.txt && git add file.txt; git -C . -c user.name=a -c user.email=a@b commit -q -m sneaky',
      );
      expect(commit.ok).toBe(false);
      expect(fixture.repo.git(['rev-parse', 'task'])).toBe(head);
      expect((await bash('echo "gitdir: /tmp/mine" > .git')).ok).toBe(false);
      expect(readFileSync(join(fixture.worktree, '.git'), 'utf8')).toBe(gitFile);
      const hook = join(fixture.repo.path, '.git', 'hooks', 'post-checkout');
      expect((await bash(`echo 'echo pwned' > ${hook}`)).ok).toBe(false);
      expect(existsSync(hook)).toBe(false);
    });

    describe('network', () => {
      let server: Server;
      let port = 0;
      let connections = 0;
      beforeAll(async () => {
        server = createServer((socket) => {
          connections += 1;
          socket.end();
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as { port: number }).port;
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      const connect = () =>
        `"${process.execPath}" -e "require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', (e) => { console.log(e.code); process.exit(7); })"`;

      test('is cut off unless the policy allows it', async () => {
        const before = connections;
        const blocked = await bash(connect());
        expect(blocked.ok).toBe(false);
        expect(blocked.output).toMatch(/\[exit code 7\]$/);
        expect(connections).toBe(before);
        const allowed = await bash(connect(), { mode: 'auto', allowNetwork: true });
        expect(allowed).toEqual({ ok: true, output: '(no output)\n[exit code 0]' });
        expect(connections).toBe(before + 1);
      });
    });

    test('stopping the task kills every sandboxed process', async () => {
      const controller = new AbortController();
      const result = await bash('sleep 876010 & echo started; wait', undefined, {
        signal: controller.signal,
        onOutput: (text: string) => text.includes('started') && controller.abort(),
      });
      expect(result.output).toContain('[stopped');
      expect(await waitForNoProcess((process) => process.commandLine.includes('876010'))).toEqual([]);
    });

    test('a stop the moment the sandbox starts leaves no process behind', async () => {
      // The stop lands while bwrap is still building the sandbox, before its inner init has armed --die-with-parent.
      for (let round = 0; round < 6; round += 1) {
        const controller = new AbortController();
        const marker = `876020${round}`;
        const running = bash(`sleep ${marker} & sleep 8760300; true`, undefined, { signal: controller.signal });
        const deadline = Date.now() + 10_000;
        while (!liveProcesses().some((process) => process.commandLine.includes(marker)) && Date.now() < deadline) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        controller.abort();
        expect((await running).output).toContain('[stopped');
      }
      expect(await waitForNoProcess((process) => /sleep 8760(20\d|300)/.test(process.commandLine))).toEqual([]);
    });

    test('the policy can turn the sandbox off', async () => {
      const result = await bash(`echo x > ../${tag}`, { mode: 'off', allowNetwork: false });
      expect(result.ok).toBe(true);
      expect(existsSync(join(fixture.parent, tag))).toBe(true);
    });
  });
} else {
  test('without a usable sandbox, detection says none and why', () => {
    console.warn(`Sandbox integration tests not run: no usable sandbox on this machine (${info.kind}): ${info.detail}`);
    expect(info.kind).toBe(process.platform === 'darwin' ? info.kind : 'none');
    expect(info.detail.length).toBeGreaterThan(10);
  });
}
