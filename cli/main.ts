import { EngineError } from '../engine/errors.js';
import { automationCommand } from './automation-command.js';
import { budgetCommand } from './budget-command.js';
import { inboxCommand } from './inbox-command.js';
import { queueCommand } from './queue-command.js';
import { mcpCommand } from './mcp-command.js';
import { cleanCommand } from './clean-command.js';
import { compareCommand } from './compare-command.js';
import { pickCommand } from './pick-command.js';
import { verifyCommand } from './verify-command.js';
import { eprintln, println, UsageError, type CliIo } from './cli-io.js';
import { prCommand } from './pr-command.js';
import { repoCommand } from './repo-command.js';
import { rollbackCommand } from './rollback-command.js';
import { bringInBaseCommand, diffCommand, mergeCommand, pushCommand } from './review-commands.js';
import { runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';
import { hostCommand } from './host-command.js';
import { answerCommand, listCommand, sendCommand, showCommand, taskActionCommand } from './task-commands.js';
import { archiveCommand, renameCommand } from './task-edit-commands.js';
import { usages } from './usage.js';

export type { CliIo } from './cli-io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commandTable: Record<string, Command> = {
  repo: repoCommand,
  run: runCommand,
  list: listCommand,
  show: showCommand,
  diff: diffCommand,
  merge: mergeCommand,
  verify: verifyCommand,
  compare: compareCommand,
  pick: pickCommand,
  push: pushCommand,
  pr: prCommand,
  'bring-in-base': bringInBaseCommand,
  // The old name of bring-in-base, kept as an alias for one release.
  sync: bringInBaseCommand,
  clean: cleanCommand,
  discard: (args, io) => taskActionCommand('discard', args, io),
  restore: (args, io) => taskActionCommand('restore', args, io),
  rollback: rollbackCommand,
  stop: (args, io) => taskActionCommand('stop', args, io),
  rename: renameCommand,
  archive: archiveCommand,
  send: sendCommand,
  budget: budgetCommand,
  approve: (args, io) => answerCommand('approve', args, io),
  deny: (args, io) => answerCommand('deny', args, io),
  serve: serveCommand,
  host: hostCommand,
  automation: automationCommand,
  inbox: inboxCommand,
  queue: queueCommand,
  mcp: mcpCommand,
};

/**
 * Runs one `flotilla` invocation and returns its exit code: 0 on success, 1 when the engine
 * reports an error (printed as `error: …`), 2 for bad usage (with the command's usage text).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { host, rest } = globalHost(argv);
    if (host !== undefined) io = { ...io, host };
    const [name, ...args] = rest;
    if (name === undefined) throw new UsageError('Missing the command.', usages.main);
    if (name === '--help' || name === '-h' || name === 'help') {
      println(io, usages.main);
      return 0;
    }
    const command = Object.hasOwn(commandTable, name) ? commandTable[name] : undefined;
    if (!command) throw new UsageError(`Unknown command "${name}".`, usages.main);
    return await command(args, io);
  } catch (error) {
    return report(error, io);
  }
}

/** Takes a leading `--host NAME` (or `--host=NAME`) off the arguments. */
function globalHost(argv: string[]): { host: string | undefined; rest: string[] } {
  const [first, second, ...others] = argv;
  if (first?.startsWith('--host=')) return { host: hostName(first.slice('--host='.length)), rest: argv.slice(1) };
  if (first !== '--host') return { host: undefined, rest: argv };
  if (second === undefined || second.startsWith('-'))
    throw new UsageError('--host needs the name of a host from `flotilla host list`.', usages.main);
  return { host: hostName(second), rest: others };
}

function hostName(name: string): string {
  if (!name) throw new UsageError('--host needs the name of a host from `flotilla host list`.', usages.main);
  return name;
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    eprintln(io, `error: ${error.message}`);
    eprintln(io);
    eprintln(io, error.usage);
    return 2;
  }
  if (error instanceof EngineError) {
    eprintln(io, `error: ${error.message}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  eprintln(io, `error: ${message}`);
  if (io.env.FLOTILLA_DEBUG && error instanceof Error && error.stack) eprintln(io, error.stack);
  return 1;
}
