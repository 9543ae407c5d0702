// Runs an engine in a child process for verify crash tests:
// `node --import tsx verify-engine-child.ts <home> <repo> <verifyCommand> <prompt>`.
// Prints one JSON line {taskId, worktreePath, branch} once the task's verify command has printed, then keeps running.
import { createEngine } from '../../engine/engine.js';

const [home, repoPath, verifyCommand, prompt] = process.argv.slice(2);
if (!home || !repoPath || !verifyCommand || !prompt)
  throw new Error('usage: verify-engine-child <home> <repo> <verifyCommand> <prompt>');
const engine = await createEngine({ home });
const { repo } = await engine.call('repo/add', { path: repoPath });
await engine.call('repo/update', { repoId: repo.id, settings: { verifyCommand } });
const { tasks } = await engine.call('task/create', { repoId: repo.id, prompt, agent: 'scripted' });
const task = tasks[0];
if (!task) throw new Error('no task created');
let told = false;
engine.subscribe((event) => {
  if (told || event.taskId !== task.id || event.type !== 'verify.output') return;
  told = true;
  process.stdout.write(
    `${JSON.stringify({ taskId: task.id, worktreePath: task.worktreePath, branch: task.branch })}\n`,
  );
});
setInterval(() => undefined, 1000);
