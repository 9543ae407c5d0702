import { spawn } from 'node:child_process';
import { relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { ignoredFolders, mentionsNodeModules } from './glob-pattern.js';
import { maxGrepFileBytes, maxGrepLineLength, type GrepOutcome, type GrepRequest } from './grep-search.js';

/** Searches with ripgrep: hidden files included, .gitignore not applied (as the JS search), symlinks not followed. */
export function ripgrepSearch(ripgrep: string, request: GrepRequest): Promise<GrepOutcome> {
  const args = [
    '--no-config',
    '--hidden',
    '--no-ignore',
    '--color=never',
    '--no-messages',
    '--sort=path',
    `--max-filesize=${maxGrepFileBytes}`,
    ...ignoredFolders(mentionsNodeModules(request.glob)).flatMap((name) => ['--glob', `!${name}`]),
    ...(request.glob ? ['--glob', request.glob] : []),
    ...(request.caseInsensitive ? ['--ignore-case'] : []),
    ...modeArgs(request),
    '--regexp',
    request.pattern,
    '--',
    relative(request.root, request.target) || '.',
  ];
  return new Promise((resolve) => {
    const child = spawn(ripgrep, args, {
      cwd: request.root,
      env: request.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: request.signal,
    });
    const lines: string[] = [];
    let more = false;
    let stderr = '';
    const reader = createInterface({ input: child.stdout, crlfDelay: Infinity });
    reader.on('line', (line) => {
      if (lines.length < request.maxLines) lines.push(line.replace(/^\.\//, '').split(sep).join('/'));
      else if (!more) {
        more = true;
        child.kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => resolve({ kind: 'error', message: error.message }));
    child.on('close', (code) => {
      if (code === 2 && lines.length === 0 && !more)
        resolve({ kind: 'error', message: stderr.trim() || 'ripgrep failed' });
      else resolve({ kind: 'lines', lines, more });
    });
  });
}

function modeArgs(request: GrepRequest): string[] {
  switch (request.mode) {
    case 'content':
      return [
        '--line-number',
        '--with-filename',
        '--no-heading',
        `--max-columns=${maxGrepLineLength}`,
        '--max-columns-preview',
      ];
    case 'files_with_matches':
      return ['--files-with-matches'];
    case 'count':
      return ['--count', '--with-filename'];
    default: {
      const unreachable: never = request.mode;
      throw new Error(`Unknown grep mode ${String(unreachable)}`);
    }
  }
}
