import { existsSync } from 'node:fs';
import type { MergePreview } from '../shared/diff.js';
import { describeVerify } from '../shared/verify-state.js';
import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { eprintln, help, println, UsageError, type CliIo } from './cli-io.js';
import { formatDiff } from './format-diff.js';
import { resolveTask, withEngine, withReader } from './session.js';
import { usages } from './usage.js';

/** `flotilla diff <task>`: per-file summary, then the unified patch. */
export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.diff);
  if (parsed.values.help) return help(io, usages.diff);
  const [reference] = expectPositionals(parsed, ['task'], usages.diff);
  const { diff, task } = await withReader(io, async (api) => {
    const found = await resolveTask(api, reference!);
    return { diff: (await api.call('task/diff', { taskId: found.id })).diff, task: found };
  });
  const taskId = task.id;
  io.stdout.write(formatDiff(diff));
  // A remote host's worktree paths are not on this machine.
  if (!io.host && !diff.merged && task.hasWorktree && !existsSync(task.worktreePath)) {
    eprintln(
      io,
      `Task ${taskId}'s worktree ${task.worktreePath} is missing (deleted outside Flotilla), so this is its branch ${task.branch} as last committed or checkpointed; ` +
        'edits made after that are not shown. `flotilla serve` (or opening the app) recreates the worktree from the branch.',
    );
  }
  if (diff.merged) {
    const where = diff.merged.into ? ` into ${diff.merged.into}` : '';
    const what =
      diff.merged.source === 'mergeCommit' && diff.merged.commit
        ? `the change its merge ${diff.merged.commit.slice(0, 10)} made`
        : 'its branch against its base (the merge commit is gone)';
    eprintln(
      io,
      `Task ${taskId} was merged${where} and its worktree removed; this is ${what}. \`flotilla send ${taskId} ...\` brings the worktree back.`,
    );
  }
  // On stderr, so the patch on stdout stays a patch.
  if (diff.behind > 0) {
    eprintln(
      io,
      `${diff.baseRef} has ${diff.behind} new commit${diff.behind === 1 ? '' : 's'} this task does not have yet; \`flotilla bring-in-base ${taskId}\` brings them in.`,
    );
  }
  return 0;
}

/** `flotilla merge <task>`: previews the merge, reports conflicts, otherwise merges. */
export async function mergeCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      into: { type: 'string' },
      mode: { type: 'string' },
      message: { type: 'string' },
      'keep-worktree': { type: 'boolean' },
      'force-unverified': { type: 'boolean' },
    },
    usages.merge,
  );
  if (parsed.values.help) return help(io, usages.merge);
  const [reference] = expectPositionals(parsed, ['task'], usages.merge);
  const mode = stringOption(parsed, 'mode');
  if (mode !== undefined && mode !== 'squash' && mode !== 'merge')
    throw new UsageError(`--mode must be squash or merge, not "${mode}".`, usages.merge);
  const into = stringOption(parsed, 'into');
  return withEngine(io, async (api) => {
    const task = await resolveTask(api, reference!);
    const { preview } = await api.call('task/mergePreview', { taskId: task.id, into });
    if (!preview.clean) {
      eprintln(io, `error: Merging task ${task.id} into ${preview.into} would conflict in:`);
      for (const file of preview.conflicts) eprintln(io, `  ${file}`);
      eprintln(
        io,
        `Update the task (e.g. \`flotilla send ${task.id} "rebase onto ${preview.into} and resolve the conflicts"\`) or resolve them by hand, then merge again.`,
      );
      return 1;
    }
    // intoCommit makes the engine refuse if the target moved since the preview we just showed.
    const keep = parsed.values['keep-worktree'] === true;
    const blocking = preview.checkout?.blocking ?? [];
    if (blocking.length > 0) {
      eprintln(
        io,
        `error: Your checkout of ${preview.into} at ${preview.checkout?.path} has uncommitted changes this merge would overwrite:`,
      );
      for (const file of blocking) eprintln(io, `  ${file}`);
      eprintln(
        io,
        `Git will not overwrite them, so ${preview.into} was left where it is. Commit or stash them there (e.g. \`git -C ${preview.checkout?.path} stash\`), then merge again.`,
      );
      return 1;
    }
    const checks = checksLine(preview.checks);
    if (checks) println(io, checks);
    const forceUnverified = parsed.values['force-unverified'] === true;
    // Without --message the engine writes the message the preview suggested (shared/merge-message.ts).
    const message = stringOption(parsed, 'message');
    const merged = await api.call('task/merge', {
      taskId: task.id,
      into: preview.into,
      mode,
      message,
      intoCommit: preview.intoCommit,
      ...(keep ? { removeWorktree: false } : {}),
      ...(forceUnverified ? { forceUnverified } : {}),
    });
    if (forceUnverified && preview.checks?.required && preview.checks.state !== 'passed')
      println(io, 'Merged without passing checks (--force-unverified).');
    println(
      io,
      `Merged task ${task.id} into ${merged.into} as ${merged.commit.slice(0, 10)} (${mode ?? 'squash'}, ${preview.filesChanged} file${preview.filesChanged === 1 ? '' : 's'}).`,
    );
    const subject = (message ?? preview.suggestedMessage).split('\n')[0]?.trim();
    if (subject) println(io, `Commit: ${subject}`);
    if (merged.removedWorktree)
      println(
        io,
        `Removed its worktree ${merged.removedWorktree}; the branch ${merged.task.branch} keeps the work (\`flotilla send ${task.id} ...\` brings the worktree back).`,
      );
    return 0;
  });
}

/** The merge preview's checks in one line: the last result and whether it ran on the tip being merged. */
export function checksLine(checks: MergePreview['checks']): string | null {
  if (!checks) return null;
  const required = checks.required ? ' (required to merge)' : '';
  const last = checks.result ? describeVerify(checks.result) : null;
  switch (checks.state) {
    case 'none':
      return checks.command === null ? null : `Checks: \`${checks.command}\` has not run${required}.`;
    case 'running':
      return `Checks: \`${checks.command ?? ''}\` is running${required}.`;
    case 'passed':
      return `Checks: ${last} on the tip being merged.`;
    case 'failed':
      return `Checks: ${last} on the tip being merged${required}.`;
    case 'stale':
      return `Checks: stale — ${last} on ${checks.result?.commit?.slice(0, 10) ?? 'an older commit'}, not on the tip being merged${required}.`;
    default: {
      const unreachable: never = checks.state;
      return unreachable;
    }
  }
}

/** `flotilla push <task> [--remote <r>]`: pushes the task branch and prints where a pull request can be opened. */
export async function pushCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { remote: { type: 'string' } }, usages.push);
  if (parsed.values.help) return help(io, usages.push);
  const [reference] = expectPositionals(parsed, ['task'], usages.push);
  const remote = stringOption(parsed, 'remote');
  const pushed = await withEngine(io, async (api) => {
    const task = await resolveTask(api, reference!);
    eprintln(io, `Pushing ${task.branch}${remote ? ` to ${remote}` : ''}…`);
    return (await api.call('task/push', remote === undefined ? { taskId: task.id } : { taskId: task.id, remote }))
      .pushed;
  });
  println(io, `Pushed ${pushed.branch} to ${pushed.remote} at ${pushed.commit.slice(0, 10)}.`);
  if (pushed.pullRequestUrl) println(io, `Open a pull request: ${pushed.pullRequestUrl}`);
  return 0;
}

/**
 * `flotilla bring-in-base <task> [--base b] [--by-hand]` (alias `sync`): brings the base branch into the task branch.
 */
export async function bringInBaseCommand(args: string[], io: CliIo): Promise<number> {
  const usage = usages['bring-in-base'];
  const parsed = parseCommandArgs(args, { base: { type: 'string' }, 'by-hand': { type: 'boolean' } }, usage);
  if (parsed.values.help) return help(io, usage);
  const [reference] = expectPositionals(parsed, ['task'], usage);
  const base = stringOption(parsed, 'base');
  const byHand = parsed.values['by-hand'] === true;
  const { task, result } = await withEngine(io, async (api) => {
    const found = await resolveTask(api, reference!);
    eprintln(io, `Bringing ${base ?? found.baseBranch ?? 'the base'} into ${found.branch}…`);
    return {
      task: found,
      result: await api.call('task/bringInBase', { taskId: found.id, ...(base ? { base } : {}), byHand }),
    };
  });
  const into = base ?? task.baseBranch ?? 'the base';
  switch (result.outcome) {
    case 'upToDate':
      println(io, `Task ${task.id} already has everything in ${into}.`);
      return 0;
    case 'merged':
      println(io, `Brought ${into} into task ${task.id}; no conflicts.`);
      return 0;
    case 'conflicts':
      println(io, `Brought ${into} into task ${task.id}. Conflict markers were left in:`);
      for (const file of result.conflicts) println(io, `  ${file}`);
      println(
        io,
        byHand
          ? `Resolve them in ${task.worktreePath}, then merge.`
          : `The agent was asked to resolve them; follow with \`flotilla show ${task.id}\`, then merge.`,
      );
      return 0;
    default: {
      const unknown: never = result.outcome;
      throw new Error(`Unknown outcome ${String(unknown)}`);
    }
  }
}
