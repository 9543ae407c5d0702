import type { EngineApi } from '../engine/engine-api.js';
import type { McpCheck, McpRepoFile, McpServerInfo, McpTransport } from '../shared/mcp.js';
import { expectPositionals, parseCommandArgs, stringOption, type ParsedArgs } from './args.js';
import { eprintln, help, println, UsageError, type CliIo } from './cli-io.js';
import { formatTable } from './format-table.js';
import { findRepo, resolveRepo, withEngine } from './session.js';
import { usages } from './usage.js';

const repoOption = { repo: { type: 'string' } } as const;

/** `flotilla mcp [list|add|test|remove|enable|disable|approve]`: the user's MCP servers. */
export async function mcpCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  switch (verb) {
    case undefined:
    case 'list':
      return list(rest, io);
    case 'add':
      return add(rest, io);
    case 'test':
      return test(rest, io);
    case 'remove':
      return remove(rest, io);
    case 'enable':
    case 'disable':
      return setEnabled(verb, rest, io);
    case 'approve':
      return approve(rest, io);
    default:
      if (verb === '--help' || verb === '-h') return help(io, usages.mcp);
      throw new UsageError(`Unknown mcp command "${verb}".`, usages.mcp);
  }
}

async function list(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, repoOption, usages.mcp);
  if (parsed.values.help) return help(io, usages.mcp);
  expectPositionals(parsed, [], usages.mcp);
  const found = await withEngine(io, async (api) => {
    const repoId = await repoIdOf(api, io, parsed, false);
    const { servers } = await api.call('mcp/list', repoId ? { repoId } : {});
    const { repos } = await api.call('repo/list', {});
    // The .mcp.json of the repository named, or of the one this is run in.
    const fileRepoId = repoId ?? (await findRepo(api, io, cwdOf(io))).repo?.id;
    const file = fileRepoId ? (await api.call('mcp/repoFile', { repoId: fileRepoId })).file : null;
    return { servers, names: new Map(repos.map((repo) => [repo.id, repo.name])), file };
  });
  if (found.servers.length === 0) println(io, 'No MCP servers yet. `flotilla mcp add <name> -- <command>` adds one.');
  else {
    const scope = (server: McpServerInfo) =>
      server.repoId === null ? 'global' : (found.names.get(server.repoId) ?? server.repoId);
    printServers(io, found.servers, scope);
  }
  if (found.file) printRepoFile(io, found.file);
  return 0;
}

function printServers(io: CliIo, servers: readonly McpServerInfo[], scope: (server: McpServerInfo) => string): void {
  const rows = servers.map((server) => [
    server.name,
    scope(server),
    transportText(server),
    stateText(server),
    server.check?.tools.map((tool) => tool.name).join(', ') ?? '',
  ]);
  println(io, formatTable(['NAME', 'SCOPE', 'TRANSPORT', 'STATE', 'TOOLS'], rows));
  for (const server of servers)
    if (server.check && !server.check.ok) println(io, `${server.name}: ${server.check.message}`);
}

function printRepoFile(io: CliIo, file: McpRepoFile): void {
  const states: Record<McpRepoFile['state'], string> = {
    missing: 'none',
    invalid: `cannot be used: ${file.problem ?? ''}`,
    unapproved: 'not approved yet (`flotilla mcp approve --repo …`)',
    changed: 'changed since you approved it; approve it again to use it',
    approved: 'approved',
  };
  println(io);
  println(io, `${file.path}: ${states[file.state]}`);
  if (file.servers.length > 0) printServers(io, file.servers, () => '.mcp.json');
}

async function add(args: string[], io: CliIo): Promise<number> {
  const usage = usages['mcp add'];
  const split = args.indexOf('--');
  const own = split === -1 ? args : args.slice(0, split);
  const command = split === -1 ? [] : args.slice(split + 1);
  const parsed = parseCommandArgs(
    own,
    {
      ...repoOption,
      env: { type: 'string', multiple: true },
      url: { type: 'string' },
      header: { type: 'string', multiple: true },
      disabled: { type: 'boolean' },
      replace: { type: 'boolean' },
    },
    usage,
  );
  if (parsed.values.help) return help(io, usage);
  const [name] = expectPositionals(parsed, ['name'], usage);
  const server = transportOf(parsed, command, usage);
  const added = await withEngine(io, async (api) => {
    const repoId = (await repoIdOf(api, io, parsed, true)) ?? null;
    return (
      await api.call('mcp/add', {
        name: name!,
        repoId,
        server,
        enabled: parsed.values.disabled !== true,
        replace: parsed.values.replace === true,
      })
    ).server;
  });
  const where = added.repoId === null ? 'for every task' : `for the tasks of repository ${added.repoId}`;
  println(io, `Added MCP server ${added.name} ${where}; its tools reach agents as ${added.name}__<tool>.`);
  println(io, `Try it: flotilla mcp test ${added.name}`);
  return 0;
}

function transportOf(parsed: ParsedArgs, command: string[], usage: string): McpTransport {
  const url = stringOption(parsed, 'url');
  const envs = listOption(parsed, 'env');
  const headers = listOption(parsed, 'header');
  if (url !== undefined) {
    if (command.length > 0 || envs.length > 0)
      throw new UsageError('Give either --url (an HTTP server) or -- <command> (a stdio server), not both.', usage);
    return { transport: 'http', url, headers: pairs(headers, ':', '--header takes "Name: value"', usage) };
  }
  const [program, ...rest] = command;
  if (program === undefined)
    throw new UsageError('Give the command that starts the server after --, or --url for an HTTP server.', usage);
  if (headers.length > 0) throw new UsageError('--header is for HTTP servers (with --url).', usage);
  return { transport: 'stdio', command: program, args: rest, env: pairs(envs, '=', '--env takes NAME=value', usage) };
}

function listOption(parsed: ParsedArgs, name: string): string[] {
  const value = (parsed.values as Record<string, unknown>)[name];
  return Array.isArray(value) ? value.map(String) : [];
}

function pairs(items: string[], separator: string, hint: string, usage: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf(separator);
    const key = at === -1 ? '' : item.slice(0, at).trim();
    if (!key) throw new UsageError(`${hint}, not "${item}".`, usage);
    result[key] = separator === ':' ? item.slice(at + 1).trim() : item.slice(at + 1);
  }
  return result;
}

async function test(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, repoOption, usages.mcp);
  if (parsed.values.help) return help(io, usages.mcp);
  const [name] = expectPositionals(parsed, ['name'], usages.mcp);
  const { check } = await withEngine(io, async (api) => {
    const repoId = await repoIdOf(api, io, parsed, false);
    return api.call('mcp/test', { name: name!, ...(repoId ? { repoId } : {}) });
  });
  return printCheck(io, name!, check);
}

function printCheck(io: CliIo, name: string, check: McpCheck): number {
  if (!check.ok) {
    eprintln(io, `${name} did not start: ${check.message}`);
    return 1;
  }
  println(io, `${name} started and lists ${check.message}:`);
  println(
    io,
    formatTable(
      ['TOOL', 'DESCRIPTION'],
      check.tools.map((tool) => [`${name}__${tool.name}`, tool.description]),
    ),
  );
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, repoOption, usages.mcp);
  if (parsed.values.help) return help(io, usages.mcp);
  const [name] = expectPositionals(parsed, ['name'], usages.mcp);
  const { removed } = await withEngine(io, async (api) => {
    const repoId = await repoIdOf(api, io, parsed, false);
    return api.call('mcp/remove', { name: name!, ...(repoId ? { repoId } : {}) });
  });
  if (!removed) {
    eprintln(io, `error: No MCP server called "${name}" is configured. See \`flotilla mcp list\`.`);
    return 1;
  }
  println(io, `Removed MCP server ${name} and its stored secrets.`);
  return 0;
}

async function setEnabled(verb: 'enable' | 'disable', args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, repoOption, usages.mcp);
  if (parsed.values.help) return help(io, usages.mcp);
  const [name] = expectPositionals(parsed, ['name'], usages.mcp);
  await withEngine(io, async (api) => {
    const repoId = await repoIdOf(api, io, parsed, false);
    return api.call('mcp/setEnabled', { name: name!, enabled: verb === 'enable', ...(repoId ? { repoId } : {}) });
  });
  println(io, `MCP server ${name} is ${verb === 'enable' ? 'on' : 'off'} for new turns.`);
  return 0;
}

async function approve(args: string[], io: CliIo): Promise<number> {
  const usage = usages['mcp approve'];
  const parsed = parseCommandArgs(args, repoOption, usage);
  if (parsed.values.help) return help(io, usage);
  expectPositionals(parsed, [], usage);
  const file = await withEngine(io, async (api) => {
    const repoId = (await repoIdOf(api, io, parsed, false)) ?? (await resolveRepo(api, io, cwdOf(io), false)).id;
    const shown = (await api.call('mcp/repoFile', { repoId })).file;
    if (shown.state === 'approved' || shown.hash === null || shown.state === 'invalid') return shown;
    return (await api.call('mcp/approveRepoFile', { repoId, hash: shown.hash })).file;
  });
  if (file.state === 'missing') {
    eprintln(io, `error: There is no ${file.path}: nothing to approve.`);
    return 1;
  }
  if (file.state === 'invalid') {
    eprintln(io, `error: ${file.path} cannot be used: ${file.problem ?? ''}`);
    return 1;
  }
  printServers(io, file.servers, () => '.mcp.json');
  println(io, `Approved ${file.path}: its servers reach this repository's tasks until the file changes.`);
  return 0;
}

async function repoIdOf(
  api: EngineApi,
  io: CliIo,
  parsed: ParsedArgs,
  addIfMissing: boolean,
): Promise<string | undefined> {
  const reference = stringOption(parsed, 'repo');
  return reference === undefined ? undefined : (await resolveRepo(api, io, reference, addIfMissing)).id;
}

function cwdOf(io: CliIo): string {
  return io.cwd ?? process.cwd();
}

function transportText(server: McpServerInfo): string {
  const { transport } = server;
  if (transport.transport === 'http') return transport.url;
  const line = [transport.command, ...transport.args].join(' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function stateText(server: McpServerInfo): string {
  if (!server.enabled) return 'off';
  if (!server.check) return 'not tested';
  return server.check.ok ? `ok, ${server.check.message}` : 'fails to start';
}
