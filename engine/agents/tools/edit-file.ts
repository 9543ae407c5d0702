import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { resolveInside } from '../confine.js';
import { stampOf } from './read-state.js';
import { staleMessage } from './stale.js';
import { looksBinary, numberLines, splitLines, writeNoFollow } from './text-file.js';
import { defineTool, failure, success } from './tool.js';

/** Lines of context shown around an edit. */
export const snippetContext = 3;
const maxSnippetLines = 40;

const inputSchema = z.strictObject({
  path: z.string().describe('The file to edit, relative to the worktree root.'),
  old_string: z
    .string()
    .min(1)
    .describe('The exact text to replace, including whitespace and indentation, without line numbers.'),
  new_string: z.string().describe('The text to put in its place.'),
  replace_all: z
    .boolean()
    .optional()
    .describe('Replace every occurrence instead of requiring exactly one (default false).'),
});

/** Replaces exact text in a file the model has read, and shows the changed lines. */
export const editFileTool = defineTool({
  name: 'edit_file',
  description:
    'Replace exact text in a file in the worktree. Read the file with read_file first. old_string must match the file exactly ' +
    '(whitespace included, line-number prefixes excluded) and occur exactly once unless replace_all is true; add surrounding lines to make it unique.',
  inputSchema,
  async run(input, context) {
    const path = await resolveInside(context.cwd, input.path);
    const info = await stat(path).catch(() => null);
    if (!info)
      return failure(
        `File not found: ${input.path}. Check the path with glob, or use write_file to create a new file.`,
      );
    if (!info.isFile()) return failure(`${input.path} is not a regular file.`);
    const stale = staleMessage(input.path, await context.readState.freshness(path), 'edit');
    if (stale) return failure(stale);
    if (input.old_string === input.new_string)
      return failure('old_string and new_string are identical; there is nothing to change.');
    const buffer = await readFile(path);
    if (looksBinary(buffer))
      return failure(`${input.path} looks like a binary file; edit_file changes text files only.`);
    const text = buffer.toString('utf8');
    let search = input.old_string;
    let replacement = input.new_string;
    // The model sees lines without their \r; match a CRLF file by converting what it typed.
    if (!text.includes(search) && text.includes('\r\n') && search.includes('\n')) {
      search = toCrlf(search);
      replacement = toCrlf(replacement);
    }
    const count = occurrences(text, search);
    if (count === 0) {
      return failure(
        `old_string was not found in ${input.path}. It must match exactly, including whitespace and indentation; read the file again and copy the text.`,
      );
    }
    if (count > 1 && !input.replace_all) {
      return failure(
        `old_string occurs ${count} times in ${input.path}. Include more surrounding lines to make it unique, or set replace_all to true to change every occurrence.`,
      );
    }
    const first = text.indexOf(search);
    const updated = input.replace_all
      ? text.split(search).join(replacement)
      : text.slice(0, first) + replacement + text.slice(first + search.length);
    await writeNoFollow(path, updated);
    context.readState.record(path, await stampOf(path, Buffer.from(updated, 'utf8')));
    const what = count === 1 ? 'replaced 1 occurrence' : `replaced ${count} occurrences`;
    return success(
      `Edited ${input.path} (${what}). The first change now reads:\n${snippet(updated, first, replacement)}`,
    );
  },
});

function occurrences(text: string, search: string): number {
  let count = 0;
  for (let index = text.indexOf(search); index !== -1; index = text.indexOf(search, index + search.length)) count += 1;
  return count;
}

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function snippet(text: string, start: number, replacement: string): string {
  const lines = splitLines(text);
  const firstLine = text.slice(0, start).split('\n').length;
  const changed = replacement.replace(/\r?\n$/, '');
  const lastLine = firstLine + changed.split('\n').length - 1;
  const from = Math.max(firstLine - snippetContext, 1);
  const to = Math.min(lastLine + snippetContext, lines.length, from + maxSnippetLines - 1);
  const shown = numberLines(lines.slice(from - 1, to), from, 500);
  return shown.length > 0 ? shown.join('\n') : '(the file is now empty)';
}
