import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import { bashOutputHead, bashOutputTail } from './bash.js';
import { runTool } from './registry.js';
import { makeToolContext, waitForNoProcess } from '../../../testing/agents/tool-test-support.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTemp(dir));

// These run unsandboxed (the context's default) so they test process handling alone; the sandbox has its own tests.
const bash = (input: Record<string, unknown>, context = makeToolContext(dir)) => runTool('bash', input, context);

describe('bash', () => {
  test('runs in the worktree and reports the exit code', async () => {
    expect(await bash({ command: 'pwd; echo oops >&2' })).toEqual({ ok: true, output: `${dir}\noops\n[exit code 0]` });
    expect(await bash({ command: 'touch made-here; exit 3' })).toEqual({
      ok: false,
      output: '(no output)\n[exit code 3]',
    });
    expect(existsSync(join(dir, 'made-here'))).toBe(true);
  });

  test('streams output while the command runs', async () => {
    let finished = false;
    const early: string[] = [];
    const context = makeToolContext(dir, {
      onOutput: (text) => early.push(`${finished ? 'after' : 'during'}:${text}`),
    });
    const result = await bash({ command: 'echo first; sleep 0.5; echo second' }, context).finally(() => {
      finished = true;
    });
    expect(early[0]).toBe('during:first\n');
    expect(early.join('')).toContain('second');
    expect(result.output).toBe('first\nsecond\n[exit code 0]');
  });

  test('keeps the head and tail of long output and states the original size', async () => {
    const result = await bash({
      command: "printf 'H%.0s' $(seq 20000); printf 'm%.0s' $(seq 60000); printf 'T%.0s' $(seq 20000)",
    });
    expect(result.output.startsWith('H'.repeat(bashOutputHead))).toBe(true);
    expect(result.output).toContain(
      `[… 70000 of 100000 characters cut from the middle …]\n\n${'T'.repeat(bashOutputTail)}\n[exit code 0]`,
    );
    expect(result.output).toContain('Output was 100000 characters');
    expect(result.output.length).toBeLessThan(bashOutputHead + bashOutputTail + 500);
  });

  test('gives commands an empty stdin', async () => {
    expect(await bash({ command: 'cat; echo done' })).toEqual({ ok: true, output: 'done\n[exit code 0]' });
  });

  test('kills the whole process group on timeout', async () => {
    const started = Date.now();
    const result = await bash({ command: 'sleep 876001 & echo group=$$; wait', timeout_ms: 500 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(
      /^group=\d+\n\[timed out after 500 ms; the command and its child processes were killed/,
    );
    const group = Number(/group=(\d+)/.exec(result.output)?.[1]);
    expect(
      await waitForNoProcess((process) => process.processGroup === group || process.commandLine.includes('876001')),
    ).toEqual([]);
  });

  test('kills the whole process group when the task is stopped', async () => {
    const controller = new AbortController();
    let group = 0;
    const context = makeToolContext(dir, {
      signal: controller.signal,
      onOutput(text) {
        const found = /group=(\d+)/.exec(text);
        if (found) {
          group = Number(found[1]);
          controller.abort();
        }
      },
    });
    const result = await bash({ command: 'sleep 876002 & echo group=$$; wait' }, context);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('[stopped: the task was stopped');
    expect(group).toBeGreaterThan(0);
    expect(
      await waitForNoProcess((process) => process.processGroup === group || process.commandLine.includes('876002')),
    ).toEqual([]);
  });

  test('background children do not outlive the command', async () => {
    const result = await bash({ command: '(sleep 876003 &); echo back' });
    expect(result).toEqual({ ok: true, output: 'back\n[exit code 0]' });
    expect(await waitForNoProcess((process) => process.commandLine.includes('876003'))).toEqual([]);
  });

  test('never passes credentials or Node switches to commands', async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: '/home/someone',
      // Values no temp folder name can contain by chance (those are random letters and digits).
      FAKE_API_KEY: 'secret-value-one',
      GH_TOKEN: 'secret-value-two',
      ANTHROPIC_BASE_URL: 'secret-value-three',
      NODE_OPTIONS: '--inspect',
      ELECTRON_RUN_AS_NODE: '1',
    };
    const result = await bash({ command: 'env' }, makeToolContext(dir, { env }));
    expect(result.output).toContain('HOME=/home/someone');
    for (const secret of ['secret-value-', '--inspect', 'ELECTRON_RUN_AS_NODE'])
      expect(result.output).not.toContain(secret);
  });

  test('rejects a timeout over the maximum, naming the field', async () => {
    const result = await bash({ command: 'true', timeout_ms: 600_001 });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/- timeout_ms: Too big/);
  });
});
