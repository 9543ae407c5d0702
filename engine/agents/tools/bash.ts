import { z } from 'zod';
import { prepareLaunch } from '../sandbox/launch.js';
import { HeadTailBuffer } from './output-buffer.js';
import { runInProcessGroup, type ProcessEnd } from './process-group.js';
import { defineTool, failure, success, type ToolResult } from './tool.js';

/** Time a command gets when the model names none. */
export const defaultBashTimeoutMs = 120_000;
/** The longest time a command may get. */
export const maxBashTimeoutMs = 600_000;
/** Characters kept from the start and from the end of a command's output. */
export const bashOutputHead = 15_000;
/** Characters kept from the end of a command's output. */
export const bashOutputTail = 15_000;
/** Past this much streamed output, the live view stops and only the final result carries the output. */
export const maxStreamedOutput = 1_000_000;

const inputSchema = z.strictObject({
  command: z.string().min(1).describe('The shell command to run (bash -c), in the worktree root.'),
  timeout_ms: z
    .number()
    .int()
    .min(1)
    .max(maxBashTimeoutMs)
    .optional()
    .describe(
      `Stop the command after this many milliseconds (default ${defaultBashTimeoutMs}, at most ${maxBashTimeoutMs}).`,
    ),
});

/** Runs a shell command in the worktree (sandboxed where the machine can), streaming its output. */
export const bashTool = defineTool({
  name: 'bash',
  description:
    'Run a shell command with bash in the worktree root and get its combined stdout and stderr and exit code. ' +
    `Commands are stopped after ${defaultBashTimeoutMs / 1000} s unless timeout_ms says otherwise (at most ${maxBashTimeoutMs / 1000} s); ` +
    'background processes end with the command. Stdin is empty, so avoid interactive commands. Where sandboxed, only the worktree and /tmp are writable, git data is read-only, and there is no network. ' +
    'Prefer read_file, edit_file, glob and grep over cat, sed, find and grep.',
  inputSchema,
  async run(input, context) {
    const timeoutMs = input.timeout_ms ?? defaultBashTimeoutMs;
    const launch = await prepareLaunch({
      command: input.command,
      worktree: context.cwd,
      policy: context.sandbox,
      env: context.env,
    });
    const output = new HeadTailBuffer(bashOutputHead, bashOutputTail);
    let streamed = 0;
    const end = await runInProcessGroup({
      ...launch,
      timeoutMs,
      signal: context.signal,
      onOutput(text) {
        output.push(text);
        if (streamed < maxStreamedOutput) {
          streamed += text.length;
          context.onOutput(
            streamed < maxStreamedOutput ? text : `${text}\n[live output stops here; the result will hold the rest]\n`,
          );
        }
      },
    });
    return describe(end, output, timeoutMs);
  },
});

function describe(end: ProcessEnd, output: HeadTailBuffer, timeoutMs: number): ToolResult {
  const text = output.toString();
  const body = output.size === 0 ? '(no output)' : text.endsWith('\n') ? text.slice(0, -1) : text;
  const size =
    output.size > bashOutputHead + bashOutputTail ? ` Output was ${output.size} characters; the middle was cut.` : '';
  switch (end.kind) {
    case 'exited': {
      if (end.exitCode === 0) return success(`${body}\n[exit code 0]${size}`);
      const how = end.exitCode === null ? `killed by ${end.signal ?? 'a signal'}` : `exit code ${end.exitCode}`;
      return failure(`${body}\n[${how}]${size}`);
    }
    case 'timedOut':
      return failure(
        `${body}\n[timed out after ${timeoutMs} ms; the command and its child processes were killed. Give a longer timeout_ms or run less at once.]${size}`,
      );
    case 'aborted':
      return failure(
        `${body}\n[stopped: the task was stopped, so the command and its child processes were killed]${size}`,
      );
    case 'failedToStart':
      return failure(`The command could not start: ${end.message}`);
    default: {
      const unreachable: never = end;
      throw new Error(`Unknown process end ${JSON.stringify(unreachable)}`);
    }
  }
}
