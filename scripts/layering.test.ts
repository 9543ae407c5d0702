import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { findCycles } from './import-graph.mjs';

const root = new URL('..', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

/** The layering messages ESLint gives `code` placed at `filePath` (the file need not exist). */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

const refused = async (file: string, code: string) =>
  expect(await restrictedImports(file, code), `${file}: ${code}`).toHaveLength(1);
const allowed = async (file: string, code: string) =>
  expect(await restrictedImports(file, code), `${file}: ${code}`).toEqual([]);

describe('folders named for where code runs (lint)', () => {
  it('engine/ and cli/ never import electron, electron/ or renderer/', async () => {
    for (const file of ['engine/tasks/example.ts', 'cli/example.ts']) {
      await refused(file, "import { app as x } from 'electron';");
      await refused(file, "import { x } from '../../electron/main/example.js';");
      await refused(file, "import { x } from '../renderer/src/example.js';");
      await allowed(file, "import { readFileSync as x } from 'node:fs';");
      await allowed(file, "import { x } from '../shared/example.js';");
    }
  });

  it('renderer/ and shared/ import no Node built-ins and no electron', async () => {
    for (const file of ['shared/example.ts', 'renderer/src/example.tsx']) {
      for (const code of [
        "import { app as x } from 'electron';",
        "import { readFileSync as x } from 'node:fs';",
        "import { join as x } from 'path';",
      ])
        await refused(file, code);
      await allowed(file, "import { z as x } from 'zod';");
    }
    await refused('renderer/src/example.tsx', "import { x } from '../../engine/engine.js';");
    await refused('shared/example.ts', "import { x } from '../engine/engine.js';");
  });

  it('the preload imports only electron/common/ and shared/', async () => {
    const file = 'electron/preload/example.ts';
    await refused(file, "import { x } from '../main/ipc-handlers.js';");
    await refused(file, "import { x } from '../utility/engine-service.js';");
    await refused(file, "import { x } from '../../engine/engine.js';");
    await refused(file, "import { readFileSync as x } from 'node:fs';");
    await allowed(file, "import { x } from '../common/ipc-gate.js';");
    await allowed(file, "import { x } from '../../shared/commands.js';");
    await allowed(file, "import { contextBridge as x } from 'electron';");
  });

  it('electron/common/ imports none of main/, utility/ or preload/', async () => {
    await refused('electron/common/example.ts', "import { x } from '../main/notifier.js';");
    await refused('electron/common/example.ts', "import { x } from '../utility/engine-service.js';");
    await allowed('electron/main/example.ts', "import { x } from '../common/ipc-gate.js';");
  });

  it('no product folder imports testing/, bench/ or e2e/; tests may', async () => {
    for (const file of [
      'engine/example.ts',
      'cli/example.ts',
      'shared/example.ts',
      'renderer/src/example.ts',
      'electron/main/example.ts',
      'electron/utility/example.ts',
    ]) {
      await refused(file, "import { x } from '../../testing/model-server/server.js';");
      await refused(file, "import { x } from '../../bench/run-bench.js';");
      await refused(file, "import { x } from '../../e2e/support/ui.js';");
    }
    await allowed('engine/example.test.ts', "import { x } from '../testing/engine/engine-harness.js';");
  });
});

describe('import cycles (scripts/check-cycles.mjs, run by npm run lint)', () => {
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'flotilla-cycles-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it('finds a runtime cycle anywhere, and a type-only cycle only across folders', () => {
    const dir = project({
      'engine/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'engine/b.ts': "import { a } from './a.js';\nexport const b = 1; void a;\n",
      'engine/c.ts': "import type { D } from './d.js';\nexport type C = D;\n",
      'engine/d.ts': "import type { C } from './c.js';\nexport type D = C | 1;\n",
      'shared/e.ts': "import type { F } from '../engine/f.js';\nexport type E = F;\n",
      'engine/f.ts': "import type { E } from '../shared/e.js';\nexport type F = E | 1;\n",
      'engine/g.ts': "import { a } from './a.js';\nexport const g = a;\n",
    });
    try {
      expect(findCycles(dir)).toEqual([
        { kind: 'runtime', files: ['engine/a.ts', 'engine/b.ts'] },
        { kind: 'type-only across folders', files: ['engine/f.ts', 'shared/e.ts'] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the project has none', () => {
    expect(findCycles(root)).toEqual([]);
  });
});
