import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readHomeLock } from '../engine/host/home-lock.js';
import { openEngine, type OpenedEngine } from '../engine/host/open-engine.js';
import type { EngineServer } from '../engine/host/ws-server.js';
import { baseUrlOf } from '../testing/agents/e2e-test-kit.js';
import { captureIo } from '../testing/cli/test-io.js';
import { withoutProviderEnvironment } from '../testing/engine/group-kit.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { builtInScenarios } from '../testing/model-server/scenarios.js';
import { startModelServer, type ModelServer } from '../testing/model-server/server.js';
import { teamScenarios } from '../testing/model-server/team-scenarios.js';
import { runCli } from './main.js';
import { shareEngine } from './session.js';
import { subtaskIndent } from './team-order.js';

describe('flotilla run --team end to end', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;
  let engine: OpenedEngine | null = null;
  let served: EngineServer | null = null;
  let server: ModelServer | null = null;
  let restoreEnvironment: () => void = () => undefined;

  beforeEach(() => {
    restoreEnvironment = withoutProviderEnvironment();
    temp = makeTempDir();
    home = `${temp}/home`;
    repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
  });

  afterEach(async () => {
    await served?.close();
    await engine?.api.close();
    await server?.close();
    engine = null;
    served = null;
    server = null;
    const holder = await readHomeLock(home);
    if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
      process.kill(holder.pid, 'SIGTERM');
      for (let tries = 0; tries < 200 && isProcessAlive(holder.pid); tries += 1) await sleep(50);
    }
    removeTemp(temp);
    restoreEnvironment();
  });

  async function cli(...argv: string[]) {
    const io = captureIo(home, { cwd: temp });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('runs a lead that delegates to two subtasks, and flotilla list nests them under it', async () => {
    server = await startModelServer({ scenarios: [...builtInScenarios, ...teamScenarios] });
    engine = await openEngine({ home });
    served = await shareEngine(home, engine.api);
    await engine.api.call('provider/update', {
      provider: 'anthropic',
      settings: { apiKey: 'test-key', baseUrl: baseUrlOf('anthropic', server) },
    });
    const run = await cli(
      'run',
      '--repo',
      repo.path,
      '--team',
      '--agent',
      'builtin',
      '--model',
      'anthropic:scenario:teamLead',
      '--wait',
      'Add OAuth login: backend endpoints and docs',
    );
    expect(run.err).not.toContain('error:');
    expect(run.code).toBe(0);
    const listed = (await cli('list')).out.split('\n');
    const leadRow = listed.findIndex((line) => line.includes('Add OAuth login'));
    expect(leadRow).toBeGreaterThan(0);
    expect(listed[leadRow + 1]).toMatch(new RegExp(`^${subtaskIndent}[a-z0-9]+\\s+merged\\b.*Backend endpoints$`));
    expect(listed[leadRow + 2]).toMatch(new RegExp(`^${subtaskIndent}[a-z0-9]+\\s+merged\\b.*Docs$`));
    const leadId = listed[leadRow]!.split(/\s+/)[0]!;
    const subtaskId = listed[leadRow + 1]!.slice(subtaskIndent.length).split(/\s+/)[0]!;
    expect((await cli('show', leadId)).out).toMatch(new RegExp(`Team\\s+lead of 2: ${subtaskId} merged, \\w+ merged`));
    expect((await cli('show', subtaskId)).out).toMatch(new RegExp(`Team\\s+subtask of ${leadId}`));
  }, 90_000);

  it('refuses --team with several attempts before starting anything', async () => {
    const refused = await cli('run', '--repo', repo.path, '--team', '--attempts', '2', 'Split it');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('--team makes one task the lead of a team');
  });
});
