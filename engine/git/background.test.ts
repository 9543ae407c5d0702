import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { backgroundGitPeak, inBackground, maxBackgroundGit } from './background.js';
import { git } from './git.js';

let root: string | undefined;

afterEach(() => {
  if (root) removeTemp(root);
  root = undefined;
});

describe('background git', () => {
  it('runs at most 4 git processes at once for background work, however much is asked, and all of it finishes', async () => {
    root = makeTempDir();
    const repo = createTempRepo({ 'README.md': '# x\n' }, root, 'repo');
    backgroundGitPeak(true);
    const calls = Array.from({ length: 24 }, (_, index) =>
      inBackground(async () => {
        // Work that waits first, like a timer-driven count, still counts as background.
        await new Promise((resolve) => setTimeout(resolve, index % 3));
        return git({ name: 'status.test', cwd: repo.path, args: ['status', '--porcelain'], readOnly: true });
      }),
    );
    // What the user asked for meanwhile is not held back by the background limit.
    const foreground = Array.from({ length: 6 }, () =>
      git({ name: 'rev-parse.test', cwd: repo.path, args: ['rev-parse', 'HEAD'], readOnly: true }),
    );
    const results = await Promise.all([...calls, ...foreground]);
    expect(results.every((result) => result.exitCode === 0)).toBe(true);
    expect(maxBackgroundGit).toBe(4);
    expect(backgroundGitPeak()).toBe(4);
  });
});
