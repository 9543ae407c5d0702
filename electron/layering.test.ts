import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import boundaries', () => {
  const browserOnly = ["import { app } from 'electron';", "import { readFileSync } from 'node:fs';", "import { simpleGit } from 'simple-git';", "import { join } from 'path';"];

  it.each(['shared/example.ts', 'renderer/example.tsx'])('%s may not import electron, Node built-ins or simple-git', async (file) => {
    for (const code of browserOnly) {
      expect(await restrictedImports(file, `${code}\nexport const x = 1;\n`), code).toHaveLength(1);
    }
    expect(await restrictedImports(file, "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
  });

  it('the engine may use Node but never electron', async () => {
    expect(await restrictedImports('electron/engine/example.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/engine/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
    expect(await restrictedImports('electron/main.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
  });
});
