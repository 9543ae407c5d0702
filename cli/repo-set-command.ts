import { maxPoolSize } from '../shared/limits.js';
import type { Repo, RepoSettings } from '../shared/repo.js';
import { maxVerifyRetries } from '../shared/verify-state.js';
import type { EngineApi } from '../engine/engine-api.js';
import {
  durationOption,
  expectPositionals,
  integerOption,
  parseCommandArgs,
  stringOption,
  type ParsedArgs,
} from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { formatDuration } from './format-event.js';
import { resolveRepo, withEngine } from './session.js';
import { usages } from './usage.js';

const options = {
  verify: { type: 'string' },
  retries: { type: 'string' },
  'verify-timeout': { type: 'string' },
  'require-checks': { type: 'boolean' },
  'no-require-checks': { type: 'boolean' },
  'suggest-verify': { type: 'boolean' },
  pool: { type: 'string' },
} as const;

/**
 * `flotilla repo set <repo> [--verify "<cmd>"|none] [--retries N] [--verify-timeout 10m] [--[no-]require-checks]
 * [--suggest-verify]`: changes a repository's verify settings, or shows what the repository suggests.
 */
export async function repoSet(args: string[], io: CliIo): Promise<number> {
  const usage = usages['repo set'];
  const parsed = parseCommandArgs(args, options, usage);
  if (parsed.values.help) return help(io, usage);
  const [reference] = expectPositionals(parsed, ['repo'], usage);
  const update = settingsUpdate(parsed, usage);
  const suggest = parsed.values['suggest-verify'] === true;
  if (Object.keys(update).length === 0 && !suggest)
    throw new UsageError(
      'Nothing to set: give --verify "<command>" (or none), --retries, --verify-timeout, --require-checks or --no-require-checks, --pool <n>, or --suggest-verify to see what the repository suggests.',
      usage,
    );
  return withEngine(io, async (api) => {
    let repo = await resolveRepo(api, io, reference!, false);
    if (Object.keys(update).length > 0) {
      repo = (await api.call('repo/update', { repoId: repo.id, settings: update })).repo;
      println(io, `Updated ${repo.name} (${repo.id}).`);
      println(io, describeVerifySettings(repo.settings));
      if (update.poolSize !== undefined) println(io, describePool(repo.settings.poolSize));
    }
    // A command the user cleared on purpose is not suggested back at once.
    if (suggest || (repo.settings.verifyCommand === '' && update.verifyCommand === undefined))
      await printVerifySuggestions(api, io, repo, reference!);
    return 0;
  });
}

function settingsUpdate(parsed: ParsedArgs, usage: string): Partial<RepoSettings> {
  const update: Partial<RepoSettings> = {};
  const verify = stringOption(parsed, 'verify');
  if (verify !== undefined) {
    if (verify.trim() === '')
      throw new UsageError('--verify needs a command, such as "npm test", or none to run no checks.', usage);
    update.verifyCommand = verify.trim().toLowerCase() === 'none' ? '' : verify.trim();
  }
  const retries = integerOption(parsed, 'retries', { min: 0, max: maxVerifyRetries }, usage);
  if (retries !== undefined) update.verifyRetries = retries;
  const timeout = durationOption(parsed, 'verify-timeout', usage);
  if (timeout !== undefined) update.verifyTimeoutMs = timeout;
  if (parsed.values['require-checks'] && parsed.values['no-require-checks'])
    throw new UsageError('Give --require-checks or --no-require-checks, not both.', usage);
  if (parsed.values['require-checks']) update.requirePassingChecks = true;
  if (parsed.values['no-require-checks']) update.requirePassingChecks = false;
  const pool = integerOption(parsed, 'pool', { min: 0, max: maxPoolSize }, usage);
  if (pool !== undefined) update.poolSize = pool;
  return update;
}

/** What a pool size means, in one line. */
function describePool(size: number): string {
  if (size === 0) return 'Warm pool: off; each task makes its own worktree.';
  return `Warm pool: ${size} worktree${size === 1 ? '' : 's'} kept prepared at the tip of the current branch (files, included files, setup script), filling in the background; \`flotilla clean\` removes them.`;
}

/** A repository's verify settings in one line, as `repo set` and `repo add` print them. */
export function describeVerifySettings(settings: RepoSettings): string {
  if (settings.verifyCommand === '') return 'Verify: none set; tasks are not checked after their turns.';
  const retries = `${settings.verifyRetries} ${settings.verifyRetries === 1 ? 'retry' : 'retries'}`;
  const merge = settings.requirePassingChecks
    ? 'merging needs passing checks on the tip being merged'
    : 'merging does not need passing checks';
  return `Verify: \`${settings.verifyCommand}\` after each turn that changes files (${retries}, time limit ${formatDuration(settings.verifyTimeoutMs)}); ${merge}.`;
}

/** Prints the verify commands the repository suggests and how to set one; nothing is set without the user. */
export async function printVerifySuggestions(api: EngineApi, io: CliIo, repo: Repo, reference: string): Promise<void> {
  const { suggestions } = await api.call('repo/suggestVerify', { repoId: repo.id });
  const current = repo.settings.verifyCommand;
  const quoted = /\s/.test(reference) ? `"${reference}"` : reference;
  if (suggestions.length === 0) {
    println(
      io,
      current === ''
        ? `No verify command is set, and nothing in ${repo.name} suggests one. Set one with \`flotilla repo set ${quoted} --verify "<command>"\`.`
        : `Nothing in ${repo.name} suggests a verify command; it keeps \`${current}\`.`,
    );
    return;
  }
  println(
    io,
    current === ''
      ? `No verify command is set. ${repo.name} suggests:`
      : `${repo.name} suggests (it uses \`${current}\` now):`,
  );
  const width = Math.max(...suggestions.map((suggestion) => suggestion.command.length));
  for (const suggestion of suggestions) println(io, `  ${suggestion.command.padEnd(width)}  ${suggestion.reason}`);
  println(
    io,
    `Nothing runs until you choose: \`flotilla repo set ${quoted} --verify "${suggestions[0]!.command}"\` sets the first.`,
  );
}
