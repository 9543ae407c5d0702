import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { resolveInside } from '../confine.js';
import { staleMessage } from './stale.js';
import { stampOf } from './read-state.js';
import { splitLines, writeNoFollow } from './text-file.js';
import { defineTool, failure, success } from './tool.js';

const inputSchema = z.strictObject({
  path: z.string().describe('The file to write, relative to the worktree root. Missing folders are created.'),
  content: z.string().describe('The whole new content of the file.'),
});

/** Creates a file or replaces one the model has read (and that has not changed since). */
export const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Write a whole file in the worktree, creating missing folders. To replace an existing file you must read it with read_file first; ' +
    'prefer edit_file for changing part of a file.',
  inputSchema,
  async run(input, context) {
    const path = await resolveInside(context.cwd, input.path);
    const existing = await stat(path).catch(() => null);
    if (existing?.isDirectory()) return failure(`${input.path} is a folder; give a file path.`);
    if (existing && !existing.isFile())
      return failure(`${input.path} is not a regular file; write_file only replaces files.`);
    if (existing) {
      const stale = staleMessage(input.path, await context.readState.freshness(path), 'write');
      if (stale) return failure(stale);
    }
    await mkdir(dirname(path), { recursive: true });
    await writeNoFollow(path, input.content);
    const content = Buffer.from(input.content, 'utf8');
    context.readState.record(path, await stampOf(path, content));
    const lines = splitLines(input.content).length;
    return success(
      `${existing ? 'Replaced' : 'Created'} ${input.path} (${lines} ${lines === 1 ? 'line' : 'lines'}, ${content.length} bytes).`,
    );
  },
});
