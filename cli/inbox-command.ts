import type { AutomationRun, InboxState } from '../shared/automation.js';
import { expectPositionals, parseCommandArgs } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { formatTable } from './format-table.js';
import { withEngine, withReader } from './session.js';
import { usages } from './usage.js';

const marks: Record<string, InboxState> = { read: 'read', unread: 'unread', archive: 'archived' };

/** `flotilla inbox [--all]` lists what automations' runs came to; `inbox read|unread|archive <run>` files one. */
export async function inboxCommand(args: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== undefined && Object.hasOwn(marks, verb)) return mark(marks[verb] as InboxState, rest, io);
  const parsed = parseCommandArgs(args, { all: { type: 'boolean' } }, usages.inbox);
  if (parsed.values.help) return help(io, usages.inbox);
  if (parsed.positionals.length > 0)
    throw new UsageError(`Unknown inbox command "${parsed.positionals[0]}".`, usages.inbox);
  const all = parsed.values.all === true;
  const { runs, unread } = await withReader(io, async (api) => {
    const inbox = await api.call('inbox/list', { all });
    const { automations } = await api.call('automation/list', {});
    const names = new Map(automations.map((automation) => [automation.id, automation.name]));
    return { ...inbox, runs: inbox.runs.map((run) => ({ run, name: names.get(run.automationId) ?? '(removed)' })) };
  });
  if (runs.length === 0) {
    println(
      io,
      all
        ? 'No automation has finished a run yet.'
        : 'The inbox is empty. `flotilla inbox --all` shows archived runs too.',
    );
    return 0;
  }
  println(io, `${unread} unread.`);
  println(
    io,
    formatTable(
      ['WHEN', 'STATE', 'AUTOMATION', 'TASKS', 'OUTCOME', 'WHY'],
      runs.map(({ run, name }) => row(run, name)),
    ),
  );
  return 0;
}

function row(run: AutomationRun, name: string): string[] {
  return [run.firedAt, run.inbox ?? '-', name, run.taskIds.join(','), run.outcome ?? '-', run.reason];
}

async function mark(state: InboxState, args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.inbox);
  if (parsed.values.help) return help(io, usages.inbox);
  const [reference] = expectPositionals(parsed, ['run-or-task'], usages.inbox);
  const { run } = await withEngine(io, (api) => api.call('inbox/mark', { runId: reference!, state }));
  println(io, `Marked the run of ${run.taskIds.join(', ')} ${state}.`);
  return 0;
}
