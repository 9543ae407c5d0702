import { EngineError } from '../engine/errors.js';
import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { help, println, UsageError, type CliIo } from './cli-io.js';
import { resolveTask, withEngine } from './session.js';
import { usages } from './usage.js';

/** `flotilla pick <task>`: merges this attempt of its group and discards (archives, restorably) the others. */
export async function pickCommand(args: string[], io: CliIo): Promise<number> {
  const usage = usages.pick;
  const parsed = parseCommandArgs(
    args,
    {
      into: { type: 'string' },
      mode: { type: 'string' },
      message: { type: 'string' },
      'force-unverified': { type: 'boolean' },
    },
    usage,
  );
  if (parsed.values.help) return help(io, usage);
  const [reference] = expectPositionals(parsed, ['task'], usage);
  const mode = stringOption(parsed, 'mode');
  if (mode !== undefined && mode !== 'squash' && mode !== 'merge')
    throw new UsageError(`--mode must be squash or merge, not "${mode}".`, usage);
  const into = stringOption(parsed, 'into');
  const message = stringOption(parsed, 'message');
  const forceUnverified = parsed.values['force-unverified'] === true;
  const picked = await withEngine(io, async (api) => {
    const task = await resolveTask(api, reference!);
    try {
      return await api.call('group/pick', {
        taskId: task.id,
        ...(into === undefined ? {} : { into }),
        ...(mode === undefined ? {} : { mode }),
        ...(message === undefined ? {} : { message }),
        ...(forceUnverified ? { forceUnverified } : {}),
      });
    } catch (error) {
      if (error instanceof EngineError && error.code === 'notInGroup')
        throw new EngineError(
          'notInGroup',
          `${error.message} Merge it with \`flotilla merge ${task.id}\`.`,
          error.details,
        );
      throw error;
    }
  });
  const { task } = picked;
  println(io, `Merged task ${task.id} into ${picked.into} as ${picked.commit.slice(0, 10)} (${mode ?? 'squash'}).`);
  if (picked.discarded.length === 0) println(io, 'No other attempt of its group was left to archive.');
  else {
    println(
      io,
      `Discarded the other ${picked.discarded.length === 1 ? 'attempt' : `${picked.discarded.length} attempts`}: ${picked.discarded.join(', ')}. Their work is archived; \`flotilla restore <task>\` brings one back.`,
    );
  }
  return 0;
}
