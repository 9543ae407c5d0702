import type { ThreadEvent } from '../shared/events.js';
import { describeVerify } from '../shared/verify-state.js';
import { EngineError } from '../engine/errors.js';
import { expectPositionals, parseCommandArgs } from './args.js';
import { help, println, type CliIo } from './cli-io.js';
import { EventPrinter } from './format-event.js';
import { resolveTask, withEngine } from './session.js';
import { usages } from './usage.js';

/** Events `flotilla verify` prints while the checks run: their start, output and end. */
function isVerifyEvent(event: ThreadEvent): boolean {
  return event.type === 'verify.started' || event.type === 'verify.output' || event.type === 'verify.finished';
}

/**
 * `flotilla verify <task>`: runs the task's checks now, printing their output as it comes, and exits 0 when they pass,
 * 1 when they fail. Without a verify command it says how to set one.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { wait: { type: 'boolean' } }, usages.verify);
  if (parsed.values.help) return help(io, usages.verify);
  const [reference] = expectPositionals(parsed, ['task'], usages.verify);
  return withEngine(io, async (api) => {
    const task = await resolveTask(api, reference!);
    const printer = new EventPrinter();
    const unsubscribe = api.subscribe((event) => {
      if (event.taskId === task.id && isVerifyEvent(event)) io.stdout.write(printer.push(event));
    });
    try {
      const { result } = await api.call('task/verify', { taskId: task.id });
      io.stdout.write(printer.flush());
      if (result.passed) {
        println(io, `Verified: ${describeVerify(result)}. \`flotilla merge ${task.id}\` merges it.`);
        return 0;
      }
      println(
        io,
        `Failed verification: ${describeVerify(result)}. \`flotilla send ${task.id} "<what to fix>"\` asks the agent to fix it.`,
      );
      return 1;
    } catch (error) {
      if (error instanceof EngineError && error.code === 'noVerifyCommand' && task.verifyCommand !== '')
        throw new EngineError(
          'noVerifyCommand',
          `Task ${task.id} has no verify command: its repository has none set. Set one with \`flotilla repo set ${task.repoId} --verify "<command>"\` (\`flotilla repo set ${task.repoId} --suggest-verify\` shows what the repository suggests), then run \`flotilla verify ${task.id}\` again.`,
        );
      throw error;
    } finally {
      unsubscribe();
    }
  });
}
