import { lstat, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { isGitName, resolveInside } from '../confine.js';
import { ignoredFolders, mentionsNodeModules, unsafeGlobReason } from './glob-pattern.js';
import { defineTool, failure, success } from './tool.js';

/** Most paths one glob answer lists. */
export const maxGlobResults = 100;

const inputSchema = z.strictObject({
  pattern: z.string().min(1).describe('Glob pattern, e.g. "**/*.ts" or "src/**/index.{js,ts}", relative to path.'),
  path: z
    .string()
    .optional()
    .describe('Folder to search in, relative to the worktree root (default: the worktree root).'),
});

/** Lists files matching a glob pattern, newest first, without following symlinks. */
export const globTool = defineTool({
  name: 'glob',
  description:
    'Find files by name pattern in the worktree. Returns paths relative to the worktree root, most recently modified first, ' +
    `at most ${maxGlobResults}. Skips .git and node_modules (unless the pattern names node_modules) and does not follow symlinks.`,
  inputSchema,
  async run(input, context) {
    const unsafe = unsafeGlobReason(input.pattern);
    if (unsafe) return failure(`Refused pattern "${input.pattern}": ${unsafe}.`);
    const root = await realpath(context.cwd);
    const base = await resolveInside(root, input.path ?? '.');
    const info = await stat(base).catch(() => null);
    if (!info?.isDirectory()) return failure(`${input.path ?? '.'} is not a folder in the worktree.`);
    const ignore = ignoredFolders(mentionsNodeModules(input.pattern)).flatMap((name) => [
      `**/${name}`,
      `**/${name}/**`,
    ]);
    const found = await glob(input.pattern, {
      cwd: base,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore,
      signal: context.signal,
    });
    const entries = await Promise.all(
      found.map(async (name) => {
        const path = join(base, name);
        const rel = relative(root, path);
        if (rel.startsWith(`..${sep}`) || rel.split(sep).some(isGitName)) return null;
        const entry = await lstat(path).catch(() => null);
        if (!entry || entry.isSymbolicLink()) return null;
        return { rel: rel.split(sep).join('/'), mtimeMs: entry.mtimeMs };
      }),
    );
    const files = entries
      .filter((entry) => entry !== null)
      .sort((a, b) => b.mtimeMs - a.mtimeMs || a.rel.localeCompare(b.rel));
    if (files.length === 0) return success(`No files match ${input.pattern}${input.path ? ` in ${input.path}` : ''}.`);
    const shown = files.slice(0, maxGlobResults).map((file) => file.rel);
    const more = files.length - shown.length;
    return success(
      more > 0
        ? `${shown.join('\n')}\n(showing ${shown.length} of ${files.length} files, newest first; narrow the pattern or path to see the rest)`
        : shown.join('\n'),
    );
  },
});
