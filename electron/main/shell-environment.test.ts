import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { readShellEnvironment, withShellEnvironment } from './shell-environment.js';

let dir = '';
afterEach(() => {
  if (dir) removeTemp(dir);
  dir = '';
});

/** A fake login shell: prints a banner like a chatty ~/.zshrc, sets what rc files set, then runs the command. */
function fakeShell(body: string): string {
  dir = makeTempDir();
  const path = join(dir, 'fake-shell');
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('the login shell’s environment', () => {
  test('brings in what the rc files set (PATH first), skipping whatever they print', async () => {
    const shell = fakeShell(
      'echo "Welcome back! Last login: today"\nexport PATH="/opt/tools/bin:$PATH" FROM_RC="a b=c"\nexec /bin/bash -c "$2"',
    );
    const result = await readShellEnvironment(shell);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.PATH?.startsWith('/opt/tools/bin:')).toBe(true);
    expect(result.env.FROM_RC).toBe('a b=c');
    expect(Object.keys(result.env).some((key) => key.startsWith('ELECTRON_') || key === 'SHLVL')).toBe(false);
    const merged = withShellEnvironment({ PATH: '/usr/bin:/bin', APP_ONLY: 'kept' }, result);
    expect(merged).toMatchObject({ PATH: result.env.PATH, APP_ONLY: 'kept', FROM_RC: 'a b=c' });
  });

  test('a real bash login shell works', async () => {
    const result = await readShellEnvironment('/bin/bash');
    expect(result).toMatchObject({ ok: true, env: { PATH: expect.stringContaining('/usr/bin') } });
  });

  test('gives up on a shell that hangs, and keeps the app’s environment', async () => {
    const shell = fakeShell('sleep 30');
    const started = Date.now();
    const result = await readShellEnvironment(shell, 300);
    expect(result).toEqual({ ok: false, reason: `${shell} did not finish starting within 0.3 s.` });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(withShellEnvironment({ PATH: '/usr/bin' }, result)).toEqual({ PATH: '/usr/bin' });
  });

  test('says why when the shell fails or is missing', async () => {
    expect(await readShellEnvironment(fakeShell('exit 3'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('exited with 3 without printing its environment'),
    });
    expect(await readShellEnvironment('/no/such/shell')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('could not start'),
    });
    expect(await readShellEnvironment(undefined)).toEqual({ ok: false, reason: 'SHELL is not set.' });
  });
});
