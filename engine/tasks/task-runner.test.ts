import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bareContext, type BareContext } from '../../testing/engine/bare-context.js';
import { removeTemp } from '../../testing/engine/temp-repo.js';
import { TaskRunner, type JobWork } from './task-runner.js';

let bare: BareContext | null = null;

afterEach(async () => {
  if (!bare) return;
  await bare.state.shutdown();
  removeTemp(bare.root);
  bare = null;
});

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('TaskRunner', () => {
  it('is the only engine file that changes waiting messages, controllers or jobs', () => {
    const engineRoot = join(import.meta.dirname, '..');
    const writes =
      /\.(pending|controller|job)\s*=[^=]|\.pending\.(push|shift|unshift|splice|pop)\(|\.pending\.length\s*=[^=]/;
    const offenders = sources(engineRoot)
      .filter((path) => relative(engineRoot, path) !== join('tasks', 'task-runner.ts'))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, index) =>
            writes.test(line) && !/this\.pending\.(set|delete|clear)/.test(line)
              ? [`${relative(engineRoot, path)}:${index + 1}: ${line.trim()}`]
              : [],
          ),
      );
    expect(offenders).toEqual([]);
  });

  it('moves a task through queued, busy, next message and stopped only through its methods', async () => {
    bare = await bareContext();
    const { context } = bare;
    const record = bare.addTask({ status: 'done', hasWorktree: true });
    const taken: string[] = [];
    let release: () => void = () => undefined;
    let work: JobWork | null = null;
    const runner = new TaskRunner(
      context.store,
      () => 1,
      async (_record, given) => {
        work = given;
        for (let message = given.next(); message && !given.signal.aborted; message = given.next()) {
          taken.push(message.text);
          await new Promise<void>((resolve) => {
            release = resolve;
            given.signal.addEventListener('abort', () => resolve(), { once: true });
          });
        }
      },
    );
    const id = record.task.id;
    expect(runner.isBusy(id)).toBe(false);
    runner.enqueue(id, { seq: 1, text: 'first' });
    runner.enqueue(id, { seq: 2, text: 'second' });
    expect(record.task.status).toBe('queued');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runner.isBusy(id)).toBe(true);
    expect(runner.hasJob(id)).toBe(true);
    expect(taken).toEqual(['first']);
    expect(runner.waitingCount(id)).toBe(1);
    expect(runner.hasOtherWaiting(id, 2)).toBe(false);
    expect(runner.cancelMessage(id, 2)).toBe(0);
    runner.enqueue(id, { seq: 3, text: 'third' });
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(taken).toEqual(['first', 'third']);
    await runner.stop(id);
    expect(work!.signal.aborted).toBe(true);
    expect(runner.isBusy(id)).toBe(false);
    expect(runner.hasJob(id)).toBe(false);
    expect(runner.waitingCount(id)).toBe(0);
  });

  it('stops a task still waiting for a slot before it starts, and schedules nothing once shut down', async () => {
    bare = await bareContext();
    const { context } = bare;
    const running = bare.addTask({ status: 'done', hasWorktree: true });
    const waiting = bare.addTask({ status: 'done', hasWorktree: true });
    let release: () => void = () => undefined;
    const runner = new TaskRunner(
      context.store,
      () => 1,
      (_record, work) =>
        new Promise<void>((resolve) => {
          release = resolve;
          work.signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    );
    runner.enqueue(running.task.id, { seq: 1, text: 'a' });
    runner.enqueue(waiting.task.id, { seq: 1, text: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runner.isBusy(waiting.task.id)).toBe(false);
    await runner.stop(waiting.task.id);
    expect(waiting.task.status).toBe('stopped');
    await runner.shutdown();
    release();
    expect(runner.shuttingDown).toBe(true);
    expect(runner.isBusy(running.task.id)).toBe(false);
    runner.enqueue(running.task.id, { seq: 2, text: 'late' });
    expect(runner.hasJob(running.task.id)).toBe(false);
  });
});
