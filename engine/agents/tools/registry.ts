import type { z } from 'zod';
import { leadOnlyRefusal } from '../../../shared/team.js';
import { bashTool } from './bash.js';
import { editFileTool } from './edit-file.js';
import { globTool } from './glob.js';
import { grepTool } from './grep.js';
import { readFileTool } from './read-file.js';
import { expectedFailure, failure, type Tool, type ToolContext, type ToolResult } from './tool.js';
import { writeFileTool } from './write-file.js';

/** The coding tools the built-in agent offers the model, in the order it sees them. */
export const builtinTools: readonly Tool[] = [readFileTool, writeFileTool, editFileTool, bashTool, globTool, grepTool];

/** The tools as the model's API wants them: name, description and JSON Schema of the input. */
export function toolDefinitions(
  tools: readonly Tool[] = builtinTools,
): { name: string; description: string; inputSchema: Record<string, unknown> }[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.jsonSchema }));
}

/**
 * Runs one tool call from the model and always returns a result: unknown tools, invalid arguments
 * (naming the fields), refusals, file-system errors, a stopped task and even tool bugs come back as
 * `{ ok: false }` with a message the model can act on.
 */
export async function runTool(
  name: string,
  rawInput: unknown,
  context: ToolContext,
  tools: readonly Tool[] = builtinTools,
): Promise<ToolResult> {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) {
    const available = `Available tools: ${tools.map((candidate) => candidate.name).join(', ')}.`;
    return failure(`${leadOnlyRefusal(name) ?? `Unknown tool "${name}".`} ${available}`);
  }
  const parsed = tool.inputSchema.safeParse(rawInput);
  if (!parsed.success)
    return failure(
      `Invalid arguments for ${name}:\n${describeIssues(parsed.error)}\nFix the arguments and call ${name} again.`,
    );
  if (context.signal.aborted) return failure('Not run: the task was stopped.');
  try {
    return await tool.run(parsed.data, context);
  } catch (error) {
    if (context.signal.aborted) return failure('Stopped: the task was stopped.');
    return (
      expectedFailure(error) ??
      failure(`${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`)
    );
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(arguments)';
      const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
      return `- ${field}: ${missing ? `required (${issue.expected})` : issue.message}`;
    })
    .join('\n');
}
