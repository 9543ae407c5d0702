#!/usr/bin/env node
// The `flotilla` command: runs the bundled CLI (out/cli/flotilla.mjs, built by `npm install` or
// `npm run build:cli`) and exits with its code. In a source checkout it rebuilds the bundle first
// when a source file is newer, so the command always runs the code on disk.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
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

/**
 * The first source file newer than the bundle (or gone), or null. The build lists the files it bundled
 * (out/cli/sources.json): its ~380 stats on this thread take ~2 ms. Without that list (an older build) every source
 * under cli/, engine/ and shared/ is looked at, on libuv's threads while this thread compiles the bundle (tests are
 * never bundled, so they are not).
 */
async function newerSource(builtAt) {
  const listed = bundledSources();
  if (listed) {
    const unchanged = (path) => {
      const info = statSync(join(root, path), { throwIfNoEntry: false });
      return info !== undefined && info.mtimeMs <= builtAt;
    };
    return listed.find((path) => !unchanged(path)) ?? null;
  }
  const walk = async (dir) => {
    const entries = await readdir(dir, { withFileTypes: true });
    const found = await Promise.all(
      entries.map(async (entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return walk(path);
        if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return null;
        return (await stat(path)).mtimeMs > builtAt ? path : null;
      }),
    );
    return found.find((path) => path !== null) ?? null;
  };
  const found = await Promise.all(
    ['cli', 'engine', 'shared'].map((folder) => (existsSync(join(root, folder)) ? walk(join(root, folder)) : null)),
  );
  return found.find((path) => path !== null) ?? null;
}

/** The checkout's source files the bundle was built from (relative paths), or null when the build did not list them. */
function bundledSources() {
  try {
    const listed = JSON.parse(readFileSync(join(root, 'out', 'cli', 'sources.json'), 'utf8'));
    return Array.isArray(listed) && listed.every((path) => typeof path === 'string') ? listed : null;
  } catch {
    return null;
  }
}

function build(reason) {
  process.stderr.write(`Building the flotilla command (${reason})…\n`);
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) {
    process.stderr.write('error: the flotilla command did not build; run `npm run build:cli` to see why.\n');
    process.exit(1);
  }
}

const checkout = existsSync(join(root, 'cli', 'main.ts'));
if (!existsSync(bundle) && checkout) build('it has not been built yet');
// The bundle loads while its sources are checked; a stale one is rebuilt and the new one loaded in its place.
const loading = import(pathToFileURL(bundle).href);
loading.catch(() => undefined);
const stale = checkout ? await newerSource(statSync(bundle).mtimeMs) : null;
if (stale) build('its sources changed');
const { runCli } = stale ? await import(`${pathToFileURL(bundle).href}?built=${Date.now()}`) : await loading;
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
