import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTemp } from '../testing/engine/temp-repo.js';
import { repoRoot } from '../testing/flotilla-process.js';

// cli/bin.mjs in a checkout of its own, with a stand-in bundle and a stand-in build script that writes a new one.
function bundleSaying(word: string): string {
  return `export async function runCli(argv, io) { io.stdout.write('${word} ' + argv.join(' ') + '\\n'); return 0; }\n`;
}

describe('the flotilla launcher in a source checkout', () => {
  let root: string;
  const bundle = () => join(root, 'out', 'cli', 'flotilla.mjs');

  beforeEach(() => {
    root = makeTempDir();
    for (const folder of ['cli', 'engine/net', 'shared', 'scripts', 'out/cli'])
      mkdirSync(join(root, folder), { recursive: true });
    copyFileSync(join(repoRoot, 'cli', 'bin.mjs'), join(root, 'cli', 'bin.mjs'));
    writeFileSync(join(root, 'cli', 'main.ts'), 'export {};\n');
    writeFileSync(join(root, 'engine', 'net', 'source.ts'), 'export {};\n');
    writeFileSync(join(root, 'engine', 'net', 'source.test.ts'), 'export {};\n');
    writeFileSync(
      join(root, 'scripts', 'build-cli.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(bundle())}, ${JSON.stringify(bundleSaying('rebuilt'))});\n`,
    );
    writeFileSync(bundle(), bundleSaying('built'));
    // Sources older than the bundle, as after a build.
    const past = new Date(Date.now() - 60_000);
    for (const file of ['cli/main.ts', 'engine/net/source.ts', 'engine/net/source.test.ts'])
      utimesSync(join(root, file), past, past);
  });

  afterEach(() => removeTemp(root));

  function flotilla() {
    const result = spawnSync(process.execPath, [join(root, 'cli', 'bin.mjs'), 'list', '--all'], { encoding: 'utf8' });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('runs the bundle as built when no source is newer, and a newer test file does not count', () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'engine', 'net', 'source.test.ts'), future, future);
    expect(flotilla()).toEqual({ code: 0, out: 'built list --all\n', err: '' });
  });

  it('rebuilds and runs the new bundle when a source is newer, saying why', () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'engine', 'net', 'source.ts'), future, future);
    expect(flotilla()).toEqual({
      code: 0,
      out: 'rebuilt list --all\n',
      err: 'Building the flotilla command (its sources changed)…\n',
    });
  });

  it("looks only at the sources the build listed: one of them newer or gone rebuilds, another file doesn't", () => {
    writeFileSync(join(root, 'out', 'cli', 'sources.json'), JSON.stringify(['engine/net/source.ts']));
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'cli', 'main.ts'), future, future);
    expect(flotilla()).toEqual({ code: 0, out: 'built list --all\n', err: '' });
    const rebuilt = {
      code: 0,
      out: 'rebuilt list --all\n',
      err: 'Building the flotilla command (its sources changed)…\n',
    };
    utimesSync(join(root, 'engine', 'net', 'source.ts'), future, future);
    expect(flotilla()).toEqual(rebuilt);
    writeFileSync(bundle(), bundleSaying('built'));
    rmSync(join(root, 'engine', 'net', 'source.ts'));
    expect(flotilla()).toEqual(rebuilt);
  });

  it('builds a missing bundle first', () => {
    rmSync(bundle());
    expect(flotilla()).toEqual({
      code: 0,
      out: 'rebuilt list --all\n',
      err: 'Building the flotilla command (it has not been built yet)…\n',
    });
  });
});
