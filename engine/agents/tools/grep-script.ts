import { lstat, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { isGitName } from '../confine.js';
import { ignoredFolders, mentionsNodeModules } from './glob-pattern.js';
import { maxGrepFileBytes, maxGrepLineLength, type GrepOutcome, type GrepRequest } from './grep-search.js';
import { looksBinary, splitLines } from './text-file.js';

/** Searches in JavaScript when ripgrep is missing: skips binary files, big files, .git, node_modules and symlinks. */
export async function scriptSearch(request: GrepRequest): Promise<GrepOutcome> {
  let regex: RegExp;
  try {
    regex = new RegExp(request.pattern, request.caseInsensitive ? 'i' : '');
  } catch (error) {
    return { kind: 'error', message: `Invalid regular expression: ${(error as Error).message}` };
  }
  const lines: string[] = [];
  for (const path of await candidates(request)) {
    request.signal.throwIfAborted();
    const entry = await lstat(path).catch(() => null);
    if (!entry?.isFile() || entry.size > maxGrepFileBytes) continue;
    const content = await readFile(path).catch(() => null);
    if (!content || looksBinary(content)) continue;
    const name = relative(request.root, path).split(sep).join('/');
    const matches = splitLines(content.toString('utf8'))
      .map((text, index) => ({ text, number: index + 1 }))
      .filter((line) => regex.test(line.text));
    if (matches.length === 0) continue;
    const output =
      request.mode === 'files_with_matches'
        ? [name]
        : request.mode === 'count'
          ? [`${name}:${matches.length}`]
          : matches.map((line) => `${name}:${line.number}:${cut(line.text)}`);
    for (const line of output) {
      if (lines.length === request.maxLines) return { kind: 'lines', lines, more: true };
      lines.push(line);
    }
  }
  return { kind: 'lines', lines, more: false };
}

async function candidates(request: GrepRequest): Promise<string[]> {
  const entry = await lstat(request.target);
  if (!entry.isDirectory()) return [request.target];
  // ripgrep matches a glob without a slash against file names at any depth.
  const pattern = request.glob ? (/[\\/]/.test(request.glob) ? request.glob : `**/${request.glob}`) : '**/*';
  const ignore = ignoredFolders(mentionsNodeModules(request.glob)).flatMap((name) => [`**/${name}`, `**/${name}/**`]);
  const found = await glob(pattern, {
    cwd: request.target,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore,
  });
  return found
    .filter((name) => !name.split('/').some(isGitName))
    .sort()
    .map((name) => join(request.target, name));
}

function cut(text: string): string {
  return text.length > maxGrepLineLength
    ? `${text.slice(0, maxGrepLineLength)} [… ${text.length - maxGrepLineLength} more characters]`
    : text;
}
