#!/usr/bin/env node
// The `flotilla` command: runs the bundled CLI (out/cli/flotilla.mjs, built by `npm install` or
// `npm run build:cli`) and exits with its code. In a source checkout it rebuilds the bundle first
// when a source file is newer, so the command always runs the code on disk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'out', 'cli', 'flotilla.mjs');

// A closed pipe (`flotilla show x | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** The first bundled source file newer than the bundle, or null (tests are not bundled, so they are not looked at). */
function newerSource(builtAt) {
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(path);
        if (found) return found;
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && statSync(path).mtimeMs > builtAt) {
        return path;
      }
    }
    return null;
  };
  for (const folder of ['cli', 'engine', 'shared']) {
    const found = existsSync(join(root, folder)) ? walk(join(root, folder)) : null;
    if (found) return found;
  }
  return null;
}

const reason = !existsSync(bundle)
  ? 'it has not been built yet'
  : newerSource(statSync(bundle).mtimeMs)
    ? 'its sources changed'
    : null;
if (reason && existsSync(join(root, 'cli', 'main.ts'))) {
  process.stderr.write(`Building the flotilla command (${reason})…\n`);
  const { spawnSync } = await import('node:child_process');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) {
    process.stderr.write('error: the flotilla command did not build; run `npm run build:cli` to see why.\n');
    process.exit(1);
  }
}

const { runCli } = await import(pathToFileURL(bundle).href);
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
// Let piped output drain before exiting.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))),
);
process.exit(code);
