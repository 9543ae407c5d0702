import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure } from './worktree-bench.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Milliseconds of wall time for one run of node with these arguments. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr.toString()}`);
  return performance.now() - started;
}

/**
 * `flotilla list` against a running engine next to `node -e 0` in the same run: how much the
 * command costs beyond starting Node (target: at most 4×).
 */
export async function runCliBench(options: { rounds: number; log(text: string): void }): Promise<BenchFigure[]> {
  const home = mkdtempSync(join(tmpdir(), 'flotilla-cli-bench-'));
  const env = { ...process.env, FLOTILLA_HOME: home };
  spawnSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
  const server = spawn(process.execPath, ['cli/bin.mjs', 'serve', '--port', '0'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('serving at') && resolve());
      server.once('exit', (code) => reject(new Error(`flotilla serve exited (${code}) before serving`)));
    });
    options.log(
      `CLI start-up: ${options.rounds} rounds of \`node -e 0\` and \`flotilla list\` against a running engine`,
    );
    timeRun(['cli/bin.mjs', 'list'], env);
    const bare: number[] = [];
    const list: number[] = [];
    // Interleaved, so a busy moment on the machine hits both alike.
    for (let round = 0; round < options.rounds; round++) {
      bare.push(timeRun(['-e', '0'], env));
      list.push(timeRun(['cli/bin.mjs', 'list'], env));
    }
    const ratio = median(list) / median(bare);
    return [
      { name: '`node -e 0` (median)', value: median(bare), unit: 'ms', target: null, met: null },
      {
        name: '`flotilla list` against a running engine (median)',
        value: median(list),
        unit: 'ms',
        target: null,
        met: null,
      },
      { name: '`flotilla list` / `node -e 0`', value: ratio, unit: '×', target: '≤ 4×', met: ratio <= 4 },
    ];
  } finally {
    server.kill('SIGINT');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(home, { recursive: true, force: true });
  }
}
