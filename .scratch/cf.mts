import { generateRepo } from '/work/main/electron/engine/bench/generate-repo.ts';
import { git } from '/work/main/electron/engine/git/git.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
const root = mkdtempSync('/dev/shm/cf-');
const repo = generateRepo(root, 30000, () => {});
const sha = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
for (const args of [['cat-file', '-e', `${sha}^{commit}`], ['cat-file', '-t', sha], ['rev-parse', '--verify', `${sha}^{commit}`]]) {
  let t = performance.now();
  for (let i = 0; i < 5; i++) await git({ name: 'x', cwd: repo, args, readOnly: true });
  console.log(args.join(' ').slice(0, 30), ((performance.now() - t) / 5).toFixed(1), 'ms');
  t = performance.now();
  for (let i = 0; i < 5; i++) spawnSync('git', args, { cwd: repo });
  console.log('  raw', ((performance.now() - t) / 5).toFixed(1), 'ms');
}
rmSync(root, { recursive: true, force: true });
