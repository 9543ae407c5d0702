import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import { detectSandbox, probeSandbox } from './detect.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTemp(dir));

describe('sandbox detection', () => {
  test('reports none, and why, when bubblewrap is not installed', async () => {
    const info = await probeSandbox('linux', dir);
    expect(info).toEqual({
      kind: 'none',
      detail: expect.stringMatching(/bubblewrap \(bwrap\) is not installed/),
      executable: null,
    });
  });

  test('reports none with the reason when bwrap is installed but cannot start', async () => {
    const fake = join(dir, 'bwrap');
    writeFileSync(fake, '#!/bin/sh\necho "bwrap: No permissions to create new namespace" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const info = await probeSandbox('linux', dir);
    expect(info.kind).toBe('none');
    expect(info.detail).toContain('bwrap: No permissions to create new namespace');
  });

  test('reports bubblewrap only when a probe run succeeds', async () => {
    const fake = join(dir, 'bwrap');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    expect(await probeSandbox('linux', dir)).toMatchObject({ kind: 'bubblewrap', executable: fake });
  });

  test('has no sandbox on other platforms', async () => {
    expect((await probeSandbox('win32', dir)).kind).toBe('none');
  });

  test('probes once and caches the answer', async () => {
    const first = await detectSandbox();
    expect(await detectSandbox()).toBe(first);
    expect(first.detail).not.toBe('');
  });
});
