import { hostNameProblem } from '../shared/host-name.js';
import type { HostStatus } from '../shared/hosts.js';
import { providerIds } from '../shared/choices.js';
import type { ProviderId } from '../shared/repo.js';
import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { formatTable } from './format-table.js';
import { withEngine } from './session.js';
import { usages } from './usage.js';

/** `flotilla host add|list|remove`: the remote machines this Flotilla drives over ssh. */
export async function hostCommand(args: string[], io: CliIo): Promise<number> {
  if (io.host)
    throw new UsageError("`flotilla host` manages this machine's list of hosts; leave out --host.", usages.host);
  const [verb, ...rest] = args;
  switch (verb) {
    case 'add':
      return hostAdd(rest, io);
    case 'list':
      return hostList(rest, io);
    case 'remove':
      return hostRemove(rest, io);
    case '--help':
    case '-h':
      return help(io, usages.host);
    case undefined:
      throw new UsageError('Missing the host command (add, list or remove).', usages.host);
    default:
      throw new UsageError(`Unknown host command "${verb}".`, usages.host);
  }
}

function keysOption(values: unknown): ProviderId[] | undefined {
  if (values === undefined) return undefined;
  const given = (Array.isArray(values) ? values : [values]) as string[];
  for (const provider of given)
    if (!(providerIds as readonly string[]).includes(provider))
      throw new UsageError(
        `--send-key takes a provider (${providerIds.join(', ')}), got "${provider}".`,
        usages['host add'],
      );
  return given as ProviderId[];
}

async function hostAdd(args: string[], io: CliIo): Promise<number> {
  const usage = usages['host add'];
  const parsed = parseCommandArgs(
    args,
    {
      'ssh-option': { type: 'string', multiple: true },
      home: { type: 'string' },
      node: { type: 'string' },
      command: { type: 'string' },
      'send-key': { type: 'string', multiple: true },
      install: { type: 'boolean' },
    },
    usage,
  );
  if (parsed.values.help) return help(io, usage);
  const [name, target] = expectPositionals(parsed, ['name', 'ssh target'], usage);
  const problem = hostNameProblem(name ?? '');
  if (problem) throw new UsageError(`"${name}": ${problem}`, usage);
  const sshOptions = (parsed.values['ssh-option'] as unknown as string[] | undefined)?.flatMap((option) =>
    option.split(/\s+/).filter(Boolean),
  );
  const sendKeys = keysOption(parsed.values['send-key']);
  const install = parsed.values.install === true;
  println(io, install ? `Installing Flotilla on ${name} over ssh…` : `Checking ${name} over ssh…`);
  return withEngine(io, async (api) => {
    const { host, installed } = await api.call('host/add', {
      name: name!,
      target: target!,
      ...(sshOptions?.length ? { sshOptions } : {}),
      ...optional('home', stringOption(parsed, 'home')),
      ...optional('node', stringOption(parsed, 'node')),
      ...optional('command', stringOption(parsed, 'command')),
      ...(sendKeys ? { sendKeys } : {}),
      install,
    });
    if (installed) println(io, `Installed Flotilla ${installed} on ${host.name}.`);
    println(io, `Added ${host.name}: ${describe(host)}`);
    if (sendKeys?.length)
      println(
        io,
        `Keys for ${sendKeys.join(', ')} are sent on each connection and held in the remote engine's memory only.`,
      );
    println(io, `Use it with \`flotilla --host ${host.name} repo add /path/on/${host.name}\`.`);
    return 0;
  });
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function describe(host: HostStatus): string {
  if (host.state !== 'connected') return host.error ?? host.state;
  const running = host.tasksRunning === undefined ? '' : `, ${host.tasksRunning} running`;
  return `Flotilla ${host.engineVersion} on node ${host.nodeVersion}, home ${host.home}${running}`;
}

async function hostList(args: string[], io: CliIo): Promise<number> {
  const usage = usages['host list'];
  const parsed = parseCommandArgs(args, { 'no-check': { type: 'boolean' } }, usage);
  if (parsed.values.help) return help(io, usage);
  expectPositionals(parsed, [], usage);
  return withEngine(io, async (api) => {
    const { hosts } = await api.call('host/list', { check: parsed.values['no-check'] !== true });
    if (hosts.length === 0) {
      println(io, 'No hosts yet. Add one with `flotilla host add <name> ssh://user@machine`.');
      return 0;
    }
    const rows = hosts.map((host) => [
      host.name,
      host.state === 'connected' ? 'reachable' : host.state === 'idle' ? 'not checked' : 'unreachable',
      host.engineVersion ?? '-',
      host.tasksRunning === undefined ? '-' : String(host.tasksRunning),
      host.target,
    ]);
    println(io, formatTable(['NAME', 'STATE', 'ENGINE', 'RUNNING', 'TARGET'], rows));
    for (const host of hosts) if (host.error && host.state !== 'connected') println(io, `${host.name}: ${host.error}`);
    return hosts.some((host) => host.state === 'failed' || (host.error && host.state !== 'connected')) ? 1 : 0;
  });
}

async function hostRemove(args: string[], io: CliIo): Promise<number> {
  const usage = usages['host remove'];
  const parsed = parseCommandArgs(args, {}, usage);
  if (parsed.values.help) return help(io, usage);
  const [name] = expectPositionals(parsed, ['name'], usage);
  return withEngine(io, async (api) => {
    await api.call('host/remove', { name: name! });
    println(io, `Removed ${name}. Its engine and tasks stay on that machine.`);
    return 0;
  });
}
