import { z } from 'zod';
import { EngineError } from '../../errors.js';
import type { SandboxPolicy } from '../sandbox/policy.js';
import type { ReadState } from './read-state.js';

/** What a tool call gives back to the model: failures are results too, so every call gets an answer. */
export interface ToolResult {
  ok: boolean;
  output: string;
}

/** Everything a tool may use for one call; the agent loop builds one per task and reuses it. */
export interface ToolContext {
  /** The task's worktree: every path is confined to it and bash runs in it. */
  cwd: string;
  /** Aborted when the user stops the task; tools stop promptly and bash kills its processes. */
  signal: AbortSignal;
  /** Streams output as it arrives (bash), for `tool.output` events. */
  onOutput(text: string): void;
  /** Per-task record of the files read, so writes can refuse files that changed since. */
  readState: ReadState;
  /** How bash commands are sandboxed. */
  sandbox: SandboxPolicy;
  /** The environment agent processes start from (usually process.env); bash scrubs it before use. */
  env: Record<string, string | undefined>;
}

/** A tool the model can call: its schema for validation and the JSON Schema the model sees. */
export interface Tool<Input = unknown> {
  name: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  /** JSON Schema of the input, without `$schema`, for the model's tool list. */
  jsonSchema: Record<string, unknown>;
  /** Runs the call; reports failures as `{ ok: false }` rather than throwing. */
  run(input: Input, context: ToolContext): Promise<ToolResult>;
  /** For tools that ask the user first in `ask` mode (an MCP server's): what the approval request shows. */
  askFirst?(input: unknown): string;
}

/** Builds a tool from its schema, deriving the JSON Schema the model sees. */
export function defineTool<Schema extends z.ZodType>(spec: {
  name: string;
  description: string;
  inputSchema: Schema;
  run(input: z.output<Schema>, context: ToolContext): Promise<ToolResult>;
}): Tool<z.output<Schema>> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(spec.inputSchema, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    name: spec.name,
    description: spec.description,
    inputSchema: spec.inputSchema as unknown as z.ZodType<z.output<Schema>>,
    jsonSchema,
    async run(input, context) {
      try {
        return await spec.run(input, context);
      } catch (error) {
        const result = expectedFailure(error);
        if (result) return result;
        throw error;
      }
    },
  };
}

/** Turns refusals and file-system errors into results; anything else is a bug and stays thrown. */
export function expectedFailure(error: unknown): ToolResult | null {
  if (error instanceof EngineError) return failure(error.message);
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    const { code, path } = error as NodeJS.ErrnoException;
    return failure(`${describeErrno(code ?? '')}${path ? `: ${path}` : ''} (${error.message})`);
  }
  return null;
}

function describeErrno(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'No such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied';
    case 'EISDIR':
      return 'That is a folder, not a file';
    case 'ENOTDIR':
      return 'A part of the path is a file, not a folder';
    case 'ENAMETOOLONG':
      return 'The path is too long';
    case 'ENOSPC':
      return 'The disk is full';
    default:
      return `File system error ${code}`;
  }
}

/** A successful result. */
export function success(output: string): ToolResult {
  return { ok: true, output };
}

/** A failed result whose message tells the model what to do next. */
export function failure(output: string): ToolResult {
  return { ok: false, output };
}
