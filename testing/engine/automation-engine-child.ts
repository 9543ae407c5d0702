// Runs an engine with automations in a child process for crash tests:
// `node --import tsx automation-engine-child.ts <home> <repo>`. Prints one JSON line {repoId, busyTask} once a run by
// hand is working and a second one waits for its slot, then keeps running until killed.
import { createEngine } from '../../engine/engine.js';

const [home, repoPath] = process.argv.slice(2);
if (!home || !repoPath) throw new Error('usage: automation-engine-child <home> <repo>');
const engine = await createEngine({ home });
const { repo } = await engine.call('repo/add', { path: repoPath });
await engine.call('automation/create', {
  repoId: repo.id,
  name: 'slow',
  trigger: { on: 'schedule', cron: '0 7 1 1 *' },
  template: { prompt: 'write started.txt x\nsleep 60000' },
});
const first = (await engine.call('automation/run', { automationId: 'slow' })).run;
const second = (await engine.call('automation/run', { automationId: 'slow' })).run;
const busyTask = first.taskIds[0];
engine.subscribe((event) => {
  if (event.taskId === busyTask && event.type === 'tool.finished')
    process.stdout.write(`${JSON.stringify({ repoId: repo.id, busyTask, queuedRun: second.id })}\n`);
});
setInterval(() => undefined, 1000);
