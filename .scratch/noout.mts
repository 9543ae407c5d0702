import { git } from '/work/main/electron/engine/git/git.ts';
const cwd = '/tmp/gtrepo';
for (const args of [['rev-parse', 'HEAD'], ['update-ref', 'refs/x/y', 'HEAD'], ['diff', '--quiet'], ['status', '--porcelain'], ['cat-file', '-e', 'HEAD']]) {
  const t = performance.now();
  for (let i = 0; i < 5; i++) await git({ name: 'x', cwd, args, okExitCodes: [1] });
  console.log(args.join(' '), ((performance.now() - t) / 5).toFixed(1), 'ms');
}
