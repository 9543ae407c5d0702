import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Generates a repository with `fileCount` files spread over nested folders, in one commit made
 * with git fast-import (much faster than writing and adding the files one by one), then checks
 * it out so it looks like a user's working copy.
 */
export function generateRepo(parent: string, fileCount: number, onProgress: (text: string) => void): string {
  const path = join(parent, 'big-repo');
  mkdirSync(path, { recursive: true });
  const run = (args: string[], input?: string) => {
    const result = spawnSync('git', args, {
      cwd: path,
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, LC_ALL: 'C' },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  run(['init', '-q', '-b', 'main']);
  run(['config', 'user.name', 'Bench']);
  run(['config', 'user.email', 'bench@example.com']);
  const lines: string[] = [
    'commit refs/heads/main',
    'committer Bench <bench@example.com> 1700000000 +0000',
    'data 5',
    'bench',
    '',
  ];
  for (let index = 0; index < fileCount; index += 1) {
    const content = `// file ${index}\nexport const value${index} = ${index};\n${'x'.repeat(index % 400)}\n`;
    const file = `src/mod${index % 50}/sub${index % 7}/file-${index}.ts`;
    lines.splice(lines.length - 1, 0, `M 100644 inline ${file}`, `data ${Buffer.byteLength(content)}`, content);
  }
  onProgress(`  writing ${fileCount} files with git fast-import…`);
  run(['fast-import', '--quiet'], `${lines.join('\n')}\n`);
  onProgress('  checking out the user copy…');
  execFileSync('git', ['reset', '--hard', '-q', 'main'], { cwd: path });
  return path;
}
