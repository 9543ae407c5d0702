import { expectPositionals, parseCommandArgs } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { resolveTask, withEngine } from './session.js';
import { usages } from './usage.js';

/** `flotilla rename <task> "<title>"`: gives a task a new title. */
export async function renameCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.rename);
  if (parsed.values.help) return help(io, usages.rename);
  const [reference, ...words] = parsed.positionals;
  const title = words.join(' ');
  if (!reference || title.trim() === '')
    throw new UsageError(reference ? 'Missing the new title.' : 'Missing <task>.', usages.rename);
  const task = await withEngine(io, async (api) => {
    const found = await resolveTask(api, reference);
    return (await api.call('task/rename', { taskId: found.id, title })).task;
  });
  println(io, `Renamed task ${task.id} to “${task.title}”.`);
  return 0;
}

/** `flotilla archive <task> [--undo]`: puts a task out of the window's task list, or brings it back. */
export async function archiveCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { undo: { type: 'boolean' } }, usages.archive);
  if (parsed.values.help) return help(io, usages.archive);
  const [reference] = expectPositionals(parsed, ['task'], usages.archive);
  const archived = parsed.values.undo !== true;
  const task = await withEngine(io, async (api) => {
    const found = await resolveTask(api, reference!);
    return (await api.call('task/archive', { taskId: found.id, archived })).task;
  });
  println(
    io,
    archived
      ? `Archived task ${task.id}; \`flotilla archive ${task.id} --undo\` brings it back to the list.`
      : `Task ${task.id} is back in the list.`,
  );
  return 0;
}
