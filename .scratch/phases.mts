import { generateRepo } from '/work/main/electron/engine/bench/generate-repo.ts';
import { createEngine } from '/work/main/electron/engine/engine.ts';
import { mkdtempSync, rmSync } from 'node:fs';
const root = mkdtempSync('/dev/shm/ph-');
const repo = generateRepo(root, 30000, () => {});
const engine = await createEngine({ home: root + '/home' });
const { repo: r } = await engine.call('repo/add', { path: repo });
const t0 = performance.now();
engine.subscribe((e) => console.log((performance.now() - t0).toFixed(1), e.type, (e as any).phase ?? '', (e as any).state ?? (e as any).status ?? '', (e as any).durationMs ?? ''));
for (let i = 0; i < 2; i++) {
  const { tasks } = await engine.call('task/create', { repoId: r.id, prompt: 'say hi' });
  console.log('created', (performance.now() - t0).toFixed(1));
  await new Promise((res) => setTimeout(res, 2500));
}
await engine.close(); rmSync(root, { recursive: true, force: true });
