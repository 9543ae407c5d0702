// Runs an engine in a child process for crash tests: `node --import tsx engine-child.ts <home> <repo> <prompt>`.
// Prints one JSON line {taskId, worktreePath, branch} once the task's agent is mid-turn, then keeps running.
import { createEngine } from '../../engine/engine.js';

const [home, repoPath, prompt] = process.argv.slice(2);
if (!home || !repoPath || !prompt) throw new Error('usage: engine-child <home> <repo> <prompt>');
const engine = await createEngine({ home });
const { repo } = await engine.call('repo/add', { path: repoPath });
const { tasks } = await engine.call('task/create', { repoId: repo.id, prompt });
const task = tasks[0];
if (!task) throw new Error('no task created');
engine.subscribe((event) => {
  if (event.taskId === task.id && event.type === 'tool.finished') {
    process.stdout.write(
      `${JSON.stringify({ taskId: task.id, worktreePath: task.worktreePath, branch: task.branch })}\n`,
    );
  }
});
setInterval(() => undefined, 1000);
