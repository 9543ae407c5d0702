import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { eprintln, help, println, type CliIo } from './cli-io.js';
import { resolveRepo, withEngine } from './session.js';
import { usages } from './usage.js';

/** `flotilla clean [--repo <repo>]`: removes the worktrees of merged tasks; their branches keep the work. */
export async function cleanCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { repo: { type: 'string' } }, usages.clean);
  if (parsed.values.help) return help(io, usages.clean);
  expectPositionals(parsed, [], usages.clean);
  const repoReference = stringOption(parsed, 'repo');
  return withEngine(io, async (api) => {
    const repoId = repoReference === undefined ? undefined : (await resolveRepo(api, io, repoReference, false)).id;
    const { removed: pooled } = await api.call('pool/clear', { repoId });
    if (pooled > 0)
      println(
        io,
        `Removed ${pooled} prepared worktree${pooled === 1 ? '' : 's'} of the warm pool (made again in the background while a pool size is set; flotilla repo set --pool 0 turns it off).`,
      );
    const { tasks } = await api.call('task/list', { repoId, status: ['merged'] });
    const withWorktrees = tasks.filter((task) => task.hasWorktree);
    if (withWorktrees.length === 0) {
      println(io, 'No merged task has a worktree left; nothing to clean.');
      return 0;
    }
    let removed = 0;
    const kept: string[] = [];
    for (const [index, task] of withWorktrees.entries()) {
      eprintln(io, `[${index + 1}/${withWorktrees.length}] Removing the worktree of ${task.id} (${task.title})…`);
      try {
        await api.call('task/removeWorktree', { taskId: task.id });
        removed += 1;
      } catch (error) {
        kept.push(`  ${task.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    println(
      io,
      `Removed ${removed} worktree${removed === 1 ? '' : 's'} of merged tasks; their branches keep the work.`,
    );
    if (kept.length === 0) return 0;
    eprintln(io, `Kept ${kept.length}:`);
    for (const line of kept) eprintln(io, line);
    return 1;
  });
}
