import { afterEach, describe, expect, it } from 'vitest';
import { mergeSubject } from '../../shared/merge-message.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const longLine =
  'Write a greeting file containing "Hello from task A" and replace the old one that the docs still mention';

describe('the merge commit message', () => {
  it('gets a real subject and a body with the prompt and a summary by default, as the preview suggested', async () => {
    harness = await startHarness();
    const { engine, repo } = harness;
    const task = await harness.createTask(
      `${longLine}\nwrite greeting.txt Hello from task A\\n\nsay Wrote greeting.txt with the new text.`,
    );
    await harness.waitFor(task.id, ['done']);

    const { preview } = await engine.call('task/mergePreview', { taskId: task.id });
    await engine.call('task/merge', { taskId: task.id, intoCommit: preview.intoCommit });

    const subject = repo.git(['log', '-1', '--format=%s', 'main']);
    expect(subject).toBe('Write a greeting file containing "Hello from task A" and replace the old');
    expect(subject).toBe(mergeSubject(longLine));
    expect(subject.length).toBeLessThanOrEqual(72);
    expect(subject).not.toContain('…');
    const body = repo.git(['log', '-1', '--format=%b', 'main']);
    expect(body).toContain(longLine);
    expect(body).toContain('1 file changed: 1 line added, 0 removed:\n- greeting.txt');
    expect(body).toContain("The agent's summary:\nWrote greeting.txt with the new text.");
    expect(body).toContain(`Merged from Flotilla task ${task.id} (branch ${task.branch}; agent scripted).`);
    // The merge dialog starts from the very message the engine writes.
    expect(repo.git(['log', '-1', '--format=%B', 'main'])).toBe(preview.suggestedMessage.trim());
  });

  it('uses the message the user wrote when there is one', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    await harness.engine.call('task/merge', { taskId: task.id, message: 'My own subject\n\nMy own body.' });
    expect(harness.repo.git(['log', '-1', '--format=%B', 'main'])).toBe('My own subject\n\nMy own body.');
  });
});
