import { afterEach, describe, expect, it } from 'vitest';
import type { Overlap } from '../../shared/overlap.js';
import type { Task } from '../../shared/task.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const settled = ['done', 'failed'] as const;
const tenLines = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';

/** Waits until the task's overlaps match, and returns them. */
async function overlapsOf(
  h: EngineHarness,
  taskId: string,
  match: (overlaps: Overlap[]) => boolean,
): Promise<Overlap[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { task } = await h.engine.call('task/get', { taskId });
    if (match(task.overlaps)) return task.overlaps;
    if (Date.now() > deadline) throw new Error(`${taskId} still has overlaps ${JSON.stringify(task.overlaps)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function finished(h: EngineHarness, prompt: string, extra: { base?: string } = {}): Promise<Task> {
  const task = await h.createTask(prompt, extra);
  return h.waitFor(task.id, [...settled]);
}

describe('overlap warnings between active tasks (real git)', () => {
  it('warns both tasks that write the same file, names it and says the changes conflict; merging one clears it', async () => {
    harness = await startHarness({ files: { 'README.md': '# Demo\n' } });
    const first = await finished(harness, 'write shared.txt one\nwrite first-only.txt a');
    const second = await finished(harness, 'write shared.txt two\nwrite second-only.txt b');
    const third = await finished(harness, 'write elsewhere.txt three');

    const onFirst = await overlapsOf(harness, first.id, (overlaps) => overlaps[0]?.conflicts === true);
    expect(onFirst).toEqual([{ taskId: second.id, title: second.title, files: ['shared.txt'], conflicts: true }]);
    const onSecond = await overlapsOf(harness, second.id, (overlaps) => overlaps[0]?.conflicts === true);
    expect(onSecond).toEqual([{ taskId: first.id, title: first.title, files: ['shared.txt'], conflicts: true }]);
    expect((await harness.engine.call('task/get', { taskId: third.id })).task.overlaps).toEqual([]);
    const line = (await harness.threadOf(first.id)).filter((event) => event.type === 'overlaps.changed').at(-1);
    expect(line).toMatchObject({ overlaps: onFirst });

    await harness.engine.call('task/merge', { taskId: second.id });
    expect(await overlapsOf(harness, first.id, (overlaps) => overlaps.length === 0)).toEqual([]);
    expect((await harness.engine.call('task/get', { taskId: second.id })).task.overlaps).toEqual([]);
  });

  it('says the changes merge cleanly when both edit different lines of one file', async () => {
    harness = await startHarness({ files: { 'notes.txt': tenLines } });
    const top = await finished(
      harness,
      `write notes.txt ${tenLines.replace('line 1\n', 'line one\n').replace(/\n/g, '\\n')}`,
    );
    const bottom = await finished(
      harness,
      `write notes.txt ${tenLines.replace('line 10', 'line ten').replace(/\n/g, '\\n')}`,
    );
    const overlaps = await overlapsOf(harness, top.id, (found) => found[0]?.conflicts === false);
    expect(overlaps).toEqual([{ taskId: bottom.id, title: bottom.title, files: ['notes.txt'], conflicts: false }]);
  });

  it('counts uncommitted edits of a running task, and warns within moments of the second write', async () => {
    harness = await startHarness({ files: { 'README.md': '# Demo\n' } });
    const first = await harness.createTask('write shared.txt one\nsleep 60000');
    await harness.waitForEvent(first.id, (event) => event.type === 'changes.counted');
    const second = await harness.createTask('write shared.txt two\nsleep 60000');
    const warned = await harness.waitForEvent(first.id, (event) => event.type === 'overlaps.changed');
    const wrote = (await harness.threadOf(second.id)).find((event) => event.type === 'tool.finished');
    expect(warned).toMatchObject({ overlaps: [{ taskId: second.id, files: ['shared.txt'] }] });
    // The figure for the closing note: from the second task's write to the warning on the first.
    console.log(`overlap warning ${Date.parse(warned.at) - Date.parse(wrote?.at ?? '')} ms after the second write`);
    await overlapsOf(harness, second.id, (overlaps) => overlaps[0]?.conflicts === true);
    await harness.engine.call('task/discard', { taskId: first.id });
    expect(await overlapsOf(harness, second.id, (overlaps) => overlaps.length === 0)).toEqual([]);
  });

  it('never warns tasks on different base branches', async () => {
    harness = await startHarness({ files: { 'README.md': '# Demo\n' } });
    harness.repo.git(['branch', 'release']);
    const onMain = await finished(harness, 'write shared.txt one');
    const onRelease = await finished(harness, 'write shared.txt two', { base: 'release' });
    const sameBase = await finished(harness, 'write shared.txt three');
    await overlapsOf(harness, sameBase.id, (overlaps) => overlaps.length === 1);
    expect((await harness.engine.call('task/get', { taskId: onMain.id })).task.overlaps.map((o) => o.taskId)).toEqual([
      sameBase.id,
    ]);
    expect((await harness.engine.call('task/get', { taskId: onRelease.id })).task.overlaps).toEqual([]);
  });

  it('never warns attempts of one prompt about each other (only one of them is merged)', async () => {
    harness = await startHarness({ files: { 'README.md': '# Demo\n' } });
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'write shared.txt attempt',
      attempts: 2,
    });
    for (const attempt of tasks) await harness.waitFor(attempt.id, [...settled]);
    const other = await finished(harness, 'write shared.txt other');
    const seen = await overlapsOf(harness, other.id, (overlaps) => overlaps.length === 2);
    expect(seen.map((overlap) => overlap.taskId).sort()).toEqual(tasks.map((attempt) => attempt.id).sort());
    for (const attempt of tasks)
      expect(
        (await harness.engine.call('task/get', { taskId: attempt.id })).task.overlaps.map((o) => o.taskId),
      ).toEqual([other.id]);
  });
});
