import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEngine, type RemoteEngine } from '../engine/host/ws-client.js';
import { createTempRepo, makeTempDir, removeTemp } from '../testing/engine/temp-repo.js';
import { repoRoot, startFlotilla, type FlotillaProcess } from '../testing/flotilla-process.js';

// zod and the contract's schemas take ~45 ms to load; a command that only asks the running engine and prints the
// answer must start without them, and one that follows a task's events must still check what the engine sends.
describe('the built flotilla command against a running engine', () => {
  let temp: string;
  let engine: FlotillaProcess;
  let api: RemoteEngine;
  let repoPath: string;

  beforeEach(async () => {
    temp = makeTempDir();
    engine = await startFlotilla({ home: join(temp, 'home') });
    api = await connectEngine({ url: engine.origin, token: engine.token });
    repoPath = createTempRepo({ 'README.md': '# demo\n' }, temp).path;
    await api.call('repo/add', { path: repoPath });
  });

  afterEach(async () => {
    await api.close();
    await engine.stop();
    removeTemp(temp);
  });

  function flotilla(...args: string[]): { code: number | null; out: string; err: string; zod: string } {
    const zodFile = join(temp, `zod-${args[0]}.txt`);
    const result = spawnSync(process.execPath, [join(repoRoot, 'cli', 'bin.mjs'), ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        FLOTILLA_HOME: join(temp, 'home'),
        NODE_OPTIONS: `--import ${pathToFileURL(join(repoRoot, 'testing', 'net', 'record-builtins.mjs')).href}`,
        FLOTILLA_TEST_ZOD_FILE: zodFile,
      },
    });
    return { code: result.status, out: result.stdout, err: result.stderr, zod: readFileSync(zodFile, 'utf8') };
  }

  it('lists tasks without loading zod, and follows a run with its events checked', async () => {
    const run = flotilla('run', '--repo', repoPath, '--agent', 'scripted', '--wait', 'say ready');
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/Task \w+ done\./);
    expect(run.zod).toBe('zod');

    const list = flotilla('list');
    expect(list).toMatchObject({ code: 0, err: '', zod: 'no zod' });
    expect(list.out).toMatch(/^ID\s+STATUS/);
    expect(list.out).toContain('say ready');

    // An error answer is checked too: the checks load for it, and the message comes through.
    const missing = flotilla('show', 'nosuchtask');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/nosuchtask/);
  });
});
