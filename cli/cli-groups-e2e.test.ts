import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readHomeLock } from '../engine/host/home-lock.js';
import { openEngine, type OpenedEngine } from '../engine/host/open-engine.js';
import type { EngineServer } from '../engine/host/ws-server.js';
import { baseUrlOf } from '../testing/agents/e2e-test-kit.js';
import { captureIo } from '../testing/cli/test-io.js';
import { withoutProviderEnvironment } from '../testing/engine/group-kit.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../testing/engine/temp-repo.js';
import { groupAttempts } from '../testing/model-server/group-scenarios.js';
import { builtInScenarios } from '../testing/model-server/scenarios.js';
import { startModelServer, type ModelServer } from '../testing/model-server/server.js';
import { runCli } from './main.js';
import { shareEngine } from './session.js';

const price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 };

describe('flotilla compare and pick end to end', () => {
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

  /** A long-lived engine for the home (it ranks groups by itself), which the CLI's commands join. */
  async function serveHome(): Promise<OpenedEngine> {
    engine = await openEngine({ home });
    served = await shareEngine(home, engine.api);
    return engine;
  }

  /** Polls `flotilla compare` until the group is ranked, and returns what it printed. */
  async function rankedCompare(taskId: string): Promise<string> {
    await expect
      .poll(async () => (await cli('compare', taskId)).out, { timeout: 60_000, interval: 200 })
      .toMatch(/^Ranked by /m);
    return (await cli('compare', taskId)).out;
  }

  /** A served home whose built-in agent and judge talk to the scripted model server (with prices, so costs show). */
  async function serveWithJudge(): Promise<void> {
    server = await startModelServer({ scenarios: [...builtInScenarios, groupAttempts()] });
    const { api } = await serveHome();
    await api.call('provider/update', {
      provider: 'anthropic',
      settings: { apiKey: 'test-key', baseUrl: baseUrlOf('anthropic', server) },
    });
    await api.call('settings/update', { judgeModel: 'anthropic:scenario:judgeRanks', concurrency: 1 });
    await api.call('pricing/update', { model: 'anthropic:scenario:judgeRanks', price });
    await api.call('pricing/update', { model: 'anthropic:scenario:groupAttempts', price });
  }

  it('compares built-in attempts ranked by the scripted judge, then picks the winner and archives the other', async () => {
    await serveWithJudge();
    const started = await cli(
      'run',
      '--repo',
      repo.path,
      '--attempts',
      '2',
      '--agent',
      'builtin',
      '--model',
      'anthropic:scenario:groupAttempts',
      '--judge',
      'Write answer.txt with some lines.',
    );
    expect(started.err).not.toContain('error:');
    const [first, second] = started.out.trim().split('\n');
    expect(second).toMatch(/^[a-z0-9]+$/);
    const compared = await rankedCompare(first!);
    const lines = compared.split('\n');
    expect(lines[0]).toBe(
      `Group ${/^Group (\w+)/.exec(compared)?.[1]}: 2 tasks on “Write answer.txt with some lines.”`,
    );
    expect(lines[2]).toMatch(/^RANK\s+TASK\s+AGENT\/MODEL\s+VERIFY\s+LINES\s+TOKENS\s+COST\s+TIME\s+VERDICT$/);
    // The scripted judge ranks the last attempt first; the second attempt wrote one line more.
    expect(lines[3]).toMatch(
      new RegExp(
        `^1\\s+${second}\\s+builtin/anthropic:scenario:groupAttempts\\s+-\\s+\\+2 -0\\s+[\\d,]+\\s+\\$\\d\\.\\d+\\s+\\S+( s| ms)?\\s+The best of the attempts\\.$`,
      ),
    );
    expect(lines[4]).toMatch(new RegExp(`^2\\s+${first}\\s+builtin/\\S+\\s+-\\s+\\+1 -0\\s+.*Ranked 2\\.$`));
    expect(compared).toContain(
      `1. ${second} (score 9): The best of the attempts.\n   strengths: Complete and careful\n   risks: none named\n`,
    );
    expect(compared).toContain(
      `2. ${first} (score 7): Ranked 2.\n   strengths: Works\n   risks: Less thorough than the winner\n`,
    );
    expect(compared).toContain('Ranked by the judge model anthropic:scenario:judgeRanks.\n');
    expect(compared).toMatch(/The judge used [\d,]+ tokens and cost \$\d\.\d+ \(apart from the attempts\)\.\n/);
    expect(compared).toMatch(
      new RegExp(
        `Group spent \\$\\d\\.\\d+ \\(attempts \\+ judge \\+ synthesis\\); the winner \\(${second}\\) alone cost \\$\\d\\.\\d+\\.\\n`,
      ),
    );
    expect(compared).toContain(`\`flotilla pick ${second}\` merges the winner and archives the others.`);
    expect((await cli('show', second!)).out).toMatch(
      new RegExp(
        `Group\\s+\\w+: attempt 2 of 2, ranked 1 of 2 by the judge; \`flotilla compare ${second}\` compares them\\n`,
      ),
    );

    const picked = await cli('pick', second!);
    expect(picked.code).toBe(0);
    expect(picked.out).toMatch(new RegExp(`^Merged task ${second} into main as [0-9a-f]{10} \\(squash\\)\\.\\n`));
    expect(picked.out).toContain(
      `Discarded the other attempt: ${first}. Their work is archived; \`flotilla restore <task>\` brings one back.\n`,
    );
    expect(repo.git(['show', 'main:answer.txt'])).toBe('line 1\nline 2');
    expect((await cli('list')).out).toMatch(new RegExp(`${first}\\s+discarded`));
    expect((await cli('restore', first!)).code).toBe(0);
  });

  it('synthesizes after the judge: the synthesis joins the group, is ranked with the attempts and its cost counts', async () => {
    await serveWithJudge();
    const started = await cli(
      'run',
      '--repo',
      repo.path,
      '--attempts',
      '2',
      '--agent',
      'builtin',
      '--model',
      'anthropic:scenario:groupAttempts',
      '--synthesize',
      'Write answer.txt with some lines.',
    );
    const [first] = started.out.trim().split('\n');
    await expect
      .poll(async () => (await cli('compare', first!)).out, { timeout: 90_000, interval: 250 })
      .toMatch(/^1\s+\w+ \(synthesis\)\s/m);
    const compared = (await cli('compare', first!)).out;
    expect(compared).toMatch(/^Group \w+: 3 tasks on /);
    const synthesis = /^1\s+(\w+) \(synthesis\)\s+builtin\/\S+\s+-\s+\+3 -0\s/m.exec(compared)?.[1] ?? '';
    expect(synthesis).toMatch(/^[a-z0-9]+$/);
    expect(compared).toMatch(/^[23]\s+\w+\s+builtin\/\S+\s+-\s+\+1 -0\s/m);
    expect(compared).toContain('Ranked by the judge model anthropic:scenario:judgeRanks.');
    expect(compared).toMatch(new RegExp(`; the winner \\(${synthesis}\\) alone cost \\$\\d\\.\\d+\\.\\n`));
    expect((await cli('show', synthesis)).out).toMatch(/Group\s+\w+: the synthesis, ranked 1 of 3 by the judge;/);
  });

  it('ranks by the stated rule without a judge model and says why; pick and compare outside a group say what they need', async () => {
    await serveHome();
    const started = await cli('run', '--repo', repo.path, '--attempts', '2', '--verify', 'true', 'write a.txt x');
    const [first, second] = started.out.trim().split('\n');
    const compared = await rankedCompare(second!);
    expect(compared).toMatch(
      new RegExp(
        `\\n1\\s+${first}\\s+scripted\\s+verified\\s+\\+1 -0\\s+[\\d,]+\\s+\\$0\\s+\\S+.*\\(rule\\) score 10\\n`,
      ),
    );
    expect(compared).toMatch(new RegExp(`\\n2\\s+${second}\\s+scripted\\s+verified\\s+.*\\(rule\\) score 0\\n`));
    expect(compared).toContain(
      'Ranked by the stated rule, not a judge: No judge model is configured. Set an Anthropic or OpenAI key',
    );
    expect(compared).toContain(
      'Ranked by the rule instead: verified first, then the smaller change, then the lower cost.\n',
    );
    expect(compared).not.toContain('The judge used');
    expect(compared).toContain(`Group spent $0 (attempts + judge + synthesis); the winner (${first}) alone cost $0.`);

    const single = await cli('run', '--repo', repo.path, 'write b.txt y');
    const alone = single.out.trim();
    await expect
      .poll(async () => (await cli('list', '--status', 'done')).out, { timeout: 30_000, interval: 200 })
      .toContain(alone);
    const notInGroup = await cli('pick', alone);
    expect(notInGroup.code).toBe(1);
    expect(notInGroup.err).toBe(
      `error: Task ${alone} is not part of a group: pick, compare and judge work on a task started with --attempts N or several agents; this task is on its own. Merge it with \`flotilla merge ${alone}\`.\n`,
    );
    const compareAlone = await cli('compare', alone);
    expect(compareAlone.code).toBe(1);
    expect(compareAlone.err).toContain('is not part of a group');
  });

  it('refuses to pick an attempt that failed its checks, naming flotilla verify, until --force-unverified', async () => {
    await serveHome();
    const started = await cli(
      'run',
      '--repo',
      repo.path,
      '--attempts',
      '2',
      '--verify',
      'exit 1',
      '--retries',
      '0',
      'write a.txt x',
    );
    const [first, second] = started.out.trim().split('\n');
    await expect
      .poll(async () => (await cli('list')).out.match(/failed verification/g)?.length ?? 0, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(2);
    const refused = await cli('pick', second!);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `error: This repository requires passing checks to merge, and its checks failed. Run them with \`flotilla verify ${second}\`, or merge anyway with --force-unverified.\n`,
    );
    expect((await cli('list')).out).toMatch(new RegExp(`${first}\\s+done\\s+failed verification`));
    const forced = await cli('pick', second!, '--force-unverified');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain(`Discarded the other attempt: ${first}.`);
    expect(repo.git(['show', 'main:a.txt'])).toBe('x');
  });

  it('refuses --judge and --synthesize for a single task before starting anything', async () => {
    const judged = await cli('run', '--repo', repo.path, '--judge', 'write a.txt x');
    expect(judged.code).toBe(2);
    expect(judged.err).toContain(
      'error: --judge compares several attempts of the prompt, and this would start one task. Add --attempts N (2 or more) or give several agents (--agent builtin,claude-code), or leave --judge out.',
    );
    const synthesized = await cli('run', '--repo', repo.path, '--attempts', '1', '--synthesize', 'write a.txt x');
    expect(synthesized.code).toBe(2);
    expect(synthesized.err).toContain('--synthesize compares several attempts');
    expect(await readHomeLock(home)).toBeNull();
    // Several attempts with --judge but no judge model: the engine refuses and says what to set.
    const noJudge = await cli('run', '--repo', repo.path, '--attempts', '2', '--judge', '--wait', 'write a.txt x');
    expect(noJudge.code).toBe(1);
    expect(noJudge.err).toContain('Or leave out --judge: the attempts are then ranked by the rule');
    expect((await cli('list')).out).toContain('No tasks.');
  });
});
