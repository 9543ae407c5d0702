import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { createEngine, type Engine } from '../engine.js';

const child = fileURLToPath(new URL('../../testing/engine/automation-engine-child.ts', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('automations after a SIGKILL of the engine', () => {
  it('keep their runs; the run in flight is interrupted like any task, and the queued one starts in the next engine', async () => {
    const root = makeTempDir();
    cleanups.push(() => removeTemp(root));
    const repo = createTempRepo({ 'README.md': 'x\n' }, root);
    const home = join(root, 'home');
    const proc = spawn(process.execPath, ['--import', 'tsx', child, home, repo.path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void (proc.exitCode === null && proc.kill('SIGKILL')));
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const info = await new Promise<{ busyTask: string; queuedRun: string }>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
      proc.once('exit', (code) => reject(new Error(`engine child exited with ${code}: ${stderr}`)));
    });
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;

    const engine: Engine = await createEngine({ home });
    cleanups.push(() => engine.close());
    const { automations } = await engine.call('automation/list', {});
    expect(automations.map((one) => one.name)).toEqual(['slow']);
    const { task: busy } = await engine.call('task/get', { taskId: info.busyTask });
    expect(busy.status).toBe('interrupted');
    expect(busy.automation?.name).toBe('slow');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { runs } = await engine.call('automation/runs', { automationId: 'slow' });
      const queued = runs.find((run) => run.id === info.queuedRun);
      if (queued?.state === 'started') {
        expect(runs).toHaveLength(2);
        const { task } = await engine.call('task/get', { taskId: queued.taskIds[0] ?? '' });
        expect(task.automation).toMatchObject({ name: 'slow', runId: queued.id, reason: 'run by hand' });
        // The interrupted run is over, so it lands in the inbox for the person to look at (it wrote a file).
        const inbox = await engine.call('inbox/list', {});
        expect(inbox.runs.map((run) => run.taskIds[0])).toContain(info.busyTask);
        break;
      }
      if (Date.now() > deadline) throw new Error(`the queued run never started: ${JSON.stringify(queued)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
