import { git } from '/work/main/electron/engine/git/git.ts';
import { execFileSync, spawnSync } from 'node:child_process';
const cwd = '/dev/shm/bt/big-repo';
for (let r = 0; r < 2; r++) {
let t = performance.now();
for (let i = 0; i < 50; i++) await git({ name: 'x', cwd, args: ['rev-parse', 'HEAD'] });
console.log('wrapper', ((performance.now() - t) / 50).toFixed(2), 'ms');
t = performance.now();
for (let i = 0; i < 50; i++) spawnSync('git', ['rev-parse', 'HEAD'], { cwd });
console.log('spawnSync', ((performance.now() - t) / 50).toFixed(2), 'ms');
}
