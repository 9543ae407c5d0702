import { describeChanges } from '../shared/task-state.js';
import { parseCommandArgs } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { resolveTask, withEngine } from './session.js';
import { usages } from './usage.js';

/**
 * `flotilla rollback <task> <commit>`: moves the task branch back to one of its checkpoints (what
 * came after is kept under an archive ref). With only <task>, lists the checkpoints to choose from.
 */
export async function rollbackCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.rollback);
  if (parsed.values.help) return help(io, usages.rollback);
  const [reference, commit, extra] = parsed.positionals;
  if (reference === undefined) throw new UsageError('Missing <task>.', usages.rollback);
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`, usages.rollback);
  return withEngine(io, async (api) => {
    const task = await resolveTask(api, reference);
    if (commit === undefined) {
      const { events } = await api.call('task/events', { taskId: task.id });
      const checkpoints = events.flatMap((event) => (event.type === 'checkpoint' ? [event] : []));
      if (checkpoints.length === 0) {
        println(io, `Task ${task.id} has no checkpoints yet; there is nothing to roll back to.`);
        return 0;
      }
      println(io, `Checkpoints of task ${task.id}, oldest first:`);
      for (const event of checkpoints) {
        const here = event.commit === task.lastCommit ? '  (the branch is here)' : '';
        println(
          io,
          `  ${event.commit.slice(0, 10)}  ${event.message}${event.changes ? ` · ${describeChanges(event.changes)}` : ''}${here}`,
        );
      }
      println(io, `Roll back with: flotilla rollback ${task.id} <commit>`);
      return 0;
    }
    const result = await api.call('task/rollback', { taskId: task.id, commit });
    println(
      io,
      `Rolled back task ${task.id}: ${result.task.branch} and its worktree are at checkpoint ${result.commit.slice(0, 10)} now.`,
    );
    println(
      io,
      `The later work (up to ${result.from.slice(0, 10)}) is kept under ${result.archiveRef}; \`git log ${result.archiveRef}\` shows it.`,
    );
    return 0;
  });
}
