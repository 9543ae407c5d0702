import { realpath, stat } from 'node:fs/promises';
import { z } from 'zod';
import { resolveInside } from '../confine.js';
import { scrubEnvironment } from '../sandbox/environment.js';
import { findExecutable } from '../sandbox/find-executable.js';
import { unsafeGlobReason } from './glob-pattern.js';
import { ripgrepSearch } from './grep-ripgrep.js';
import { scriptSearch } from './grep-script.js';
import type { GrepOutcome, GrepRequest } from './grep-search.js';
import { defineTool, failure, success } from './tool.js';

/** Most output lines one grep answer holds. */
export const maxGrepLines = 250;

const inputSchema = z.strictObject({
  pattern: z.string().min(1).describe('Regular expression to search file contents for.'),
  path: z
    .string()
    .optional()
    .describe('File or folder to search, relative to the worktree root (default: the worktree root).'),
  glob: z.string().optional().describe('Only search files matching this glob, e.g. "*.ts" or "src/**/*.tsx".'),
  case_insensitive: z.boolean().optional().describe('Ignore case (default false).'),
  output_mode: z
    .enum(['content', 'files_with_matches', 'count'])
    .optional()
    .describe(
      '"files_with_matches" (default) lists matching files; "content" shows path:line:text; "count" shows path:matches.',
    ),
});

/** How grep searches: ripgrep when installed, else JavaScript. */
export type GrepEngine = { kind: 'ripgrep'; executable: string } | { kind: 'script' };

let engine: GrepEngine | undefined;

/** The search engine grep uses on this machine (ripgrep on PATH, else the JavaScript search). */
export function grepEngine(): GrepEngine {
  if (!engine) {
    const ripgrep = findExecutable('rg');
    engine = ripgrep ? { kind: 'ripgrep', executable: ripgrep } : { kind: 'script' };
  }
  return engine;
}

/** Runs a confined search with the given engine. */
export function search(using: GrepEngine, request: GrepRequest): Promise<GrepOutcome> {
  switch (using.kind) {
    case 'ripgrep':
      return ripgrepSearch(using.executable, request);
    case 'script':
      return scriptSearch(request);
    default: {
      const unreachable: never = using;
      throw new Error(`Unknown grep engine ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Builds the grep tool on a given engine (tests run both). */
export function createGrepTool(using: () => GrepEngine = grepEngine) {
  return defineTool({
    name: 'grep',
    description:
      'Search file contents in the worktree with a regular expression. Skips binary files, files over 10 MB, .git, node_modules ' +
      `(unless glob names it) and symlinks; .gitignore is not applied. At most ${maxGrepLines} lines of output.`,
    inputSchema,
    async run(input, context) {
      if (input.glob !== undefined) {
        const unsafe = unsafeGlobReason(input.glob);
        if (unsafe) return failure(`Refused glob "${input.glob}": ${unsafe}.`);
      }
      const root = await realpath(context.cwd);
      const target = await resolveInside(root, input.path ?? '.');
      if (!(await stat(target).catch(() => null)))
        return failure(`${input.path} does not exist. Use glob to find the right path.`);
      const mode = input.output_mode ?? 'files_with_matches';
      const outcome = await search(using(), {
        root,
        target,
        pattern: input.pattern,
        glob: input.glob,
        caseInsensitive: input.case_insensitive ?? false,
        mode,
        maxLines: maxGrepLines,
        signal: context.signal,
        env: scrubEnvironment(context.env),
      });
      if (outcome.kind === 'error') return failure(`grep failed: ${outcome.message}`);
      if (outcome.lines.length === 0) return success(`No matches for ${input.pattern}.`);
      const note = outcome.more
        ? `\n(showing the first ${maxGrepLines} lines; there are more. Narrow the pattern, path or glob.)`
        : '';
      return success(outcome.lines.join('\n') + note);
    },
  });
}

/** Searches file contents with ripgrep or, without it, JavaScript. */
export const grepTool = createGrepTool();
