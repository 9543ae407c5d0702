import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { resolveInside } from '../confine.js';
import { stampOf } from './read-state.js';
import { fileLooksBinary, looksBinary, numberLines, readLineRange, splitLines } from './text-file.js';
import { defineTool, failure, success } from './tool.js';

/** Lines shown when the model gives no limit. */
export const defaultReadLimit = 2000;
/** Longest line shown whole; longer lines are cut. */
export const maxLineLength = 2000;
/** Files bigger than this are only read in parts (offset/limit). */
export const maxReadBytes = 10 * 1024 * 1024;
/** Cap on one answer's size, so a file of long lines cannot flood the conversation. */
export const maxReadOutput = 256 * 1024;

const inputSchema = z.strictObject({
  path: z
    .string()
    .describe('The file to read, relative to the worktree root (an absolute path inside the worktree also works).'),
  offset: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Line number to start reading at (1-based). Use with limit for big files.'),
  limit: z.number().int().min(1).optional().describe(`How many lines to read (default ${defaultReadLimit}).`),
});

/** Reads a text file from the worktree as numbered lines, and remembers that it was read. */
export const readFileTool = defineTool({
  name: 'read_file',
  description:
    `Read a text file in the worktree. Lines come numbered like \`cat -n\` (number, tab, text); the numbers are not part of the file. ` +
    `Reads up to ${defaultReadLimit} lines from the start unless offset/limit say otherwise; lines over ${maxLineLength} characters are cut. ` +
    'Read a file before changing it with write_file or edit_file. Binary files are refused.',
  inputSchema,
  async run(input, context) {
    const path = await resolveInside(context.cwd, input.path);
    const info = await stat(path).catch(() => null);
    if (!info) return failure(`File not found: ${input.path}. Use glob to find the right path.`);
    if (info.isDirectory()) return failure(`${input.path} is a folder, not a file. Use glob to list what is in it.`);
    if (!info.isFile()) return failure(`${input.path} is not a regular file.`);
    const offset = input.offset ?? 1;
    const limit = input.limit ?? defaultReadLimit;
    if (info.size > maxReadBytes) {
      if (input.offset === undefined && input.limit === undefined) {
        return failure(
          `${input.path} is ${megabytes(info.size)} MB, over the ${megabytes(maxReadBytes)} MB limit for reading a whole file. ` +
            'Read a part of it with offset and limit, or search it with grep.',
        );
      }
      if (await fileLooksBinary(path)) return failure(binaryMessage(input.path, info.size));
      const { lines, more } = await readLineRange(path, offset, limit);
      context.readState.record(path, await stampOf(path, null));
      if (lines.length === 0)
        return failure(`${input.path} has fewer than ${offset} lines; offset ${offset} is past the end.`);
      return success(format(input.path, lines, offset, more ? null : offset + lines.length - 1));
    }
    const content = await readFile(path);
    if (looksBinary(content)) return failure(binaryMessage(input.path, content.length));
    context.readState.record(path, await stampOf(path, content));
    const all = splitLines(content.toString('utf8'));
    if (all.length === 0) return success(`(${input.path} is empty)`);
    if (offset > all.length) return failure(`${input.path} has ${all.length} lines; offset ${offset} is past the end.`);
    return success(format(input.path, all.slice(offset - 1, offset - 1 + limit), offset, all.length));
  },
});

function format(name: string, lines: readonly string[], first: number, total: number | null): string {
  const numbered = numberLines(lines, first, maxLineLength);
  let size = 0;
  let shown = 0;
  for (const line of numbered) {
    if (size + line.length + 1 > maxReadOutput && shown > 0) break;
    size += line.length + 1;
    shown += 1;
  }
  const last = first + shown - 1;
  const body = numbered.slice(0, shown).join('\n');
  if (shown < numbered.length)
    return `${body}\n(output capped at ${maxReadOutput} characters; continue with offset ${last + 1})`;
  if (total === null)
    return `${body}\n(showing lines ${first}–${last} of ${name}; more follow, continue with offset ${last + 1})`;
  if (first > 1 || last < total)
    return `${body}\n(showing lines ${first}–${last} of ${total}; use offset and limit to read more)`;
  return body;
}

function binaryMessage(name: string, size: number): string {
  return `${name} looks like a binary file (${size} bytes); read_file shows text only. Use bash (e.g. \`file\` or \`xxd | head\`) to inspect it.`;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}
