import { isAbsolute, resolve } from 'node:path';
import { expectPositionals, parseCommandArgs } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { formatTable } from './format-table.js';
import { describeVerifySettings, printVerifySuggestions, repoSet } from './repo-set-command.js';
import { resolveRepo, withEngine, withReader } from './session.js';
import { usages } from './usage.js';

/** `flotilla repo add|list|remove|set`. */
export async function repoCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  switch (verb) {
    case 'add':
      return repoAdd(rest, io);
    case 'list':
      return repoList(rest, io);
    case 'remove':
      return repoRemove(rest, io);
    case 'set':
      return repoSet(rest, io);
    case '--help':
    case '-h':
    case undefined:
      if (verb === undefined) throw new UsageError('Missing the repo command (add, list, remove or set).', usages.repo);
      println(io, usages.repo);
      return 0;
    default:
      throw new UsageError(`Unknown repo command "${verb}".`, usages.repo);
  }
}

async function repoAdd(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages['repo add']);
  if (parsed.values.help) return help(io, usages['repo add']);
  const [path] = expectPositionals(parsed, ['path'], usages['repo add']);
  if (io.host && !isAbsolute(path!))
    throw new UsageError(
      `Give the repository's absolute path on ${io.host}, such as /srv/code/app.`,
      usages['repo add'],
    );
  return withEngine(io, async (api) => {
    const { repo, alreadyAdded } = await api.call('repo/add', { path: resolve(io.cwd ?? process.cwd(), path!) });
    println(
      io,
      alreadyAdded
        ? `Already added: ${repo.name} (${repo.id}) at ${repo.path}`
        : `Added ${repo.name} (${repo.id}) at ${repo.path}`,
    );
    if (repo.settings.verifyCommand === '') await printVerifySuggestions(api, io, repo, path!);
    else println(io, describeVerifySettings(repo.settings));
    return 0;
  });
}

async function repoList(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages['repo list']);
  if (parsed.values.help) return help(io, usages['repo list']);
  expectPositionals(parsed, [], usages['repo list']);
  const { repos } = await withReader(io, (api) => api.call('repo/list', {}));
  if (repos.length === 0) println(io, 'No repositories yet. Add one with `flotilla repo add <path>`.');
  else
    println(
      io,
      formatTable(
        ['ID', 'NAME', 'VERIFY', 'PATH'],
        repos.map((repo) => [repo.id, repo.name, repo.settings.verifyCommand || '-', repo.path]),
      ),
    );
  return 0;
}

async function repoRemove(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages['repo remove']);
  if (parsed.values.help) return help(io, usages['repo remove']);
  const [repoId] = expectPositionals(parsed, ['id'], usages['repo remove']);
  const repo = await withEngine(io, async (api) => {
    const found = await resolveRepo(api, io, repoId!, false);
    await api.call('repo/remove', { repoId: found.id });
    return found;
  });
  println(io, `Removed ${repo.name} (${repo.id}). Its folder and branches are untouched.`);
  return 0;
}
