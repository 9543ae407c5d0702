import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import { homePaths } from '../../engine/home.js';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { buildElectronBundle } from '../../testing/electron/build-bundle.js';
import { eventFromFrame, parseFromEngine, type FromEngine, type ToEngine } from '../common/engine-protocol.js';

const source = fileURLToPath(new URL('./engine-process.ts', import.meta.url));
const fakeParentPort = fileURLToPath(new URL('../../testing/electron/fake-parent-port.mjs', import.meta.url));
const temps: string[] = [];
let bundleDir = '';

// The same esbuild build `npm run build:electron` makes, into a temp folder: the bundle is what Electron runs.
beforeAll(() => {
  bundleDir = buildElectronBundle();
}, 120_000);
afterAll(() => removeTemp(bundleDir));

/** How to start the entry: its TypeScript source through tsx, or the built CommonJS bundle with plain Node. */
const launches = {
  source: () => ({ file: source, execArgv: ['--import', 'tsx', '--import', fakeParentPort] }),
  bundle: () => ({ file: join(bundleDir, 'engine-process.cjs'), execArgv: ['--import', fakeParentPort] }),
};
let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  for (const dir of temps.splice(0)) removeTemp(dir);
});

/** Runs the real engine-process entry in a plain Node child with a fake parentPort. */
function spawnEngineProcess(home: string, launch: keyof typeof launches) {
  const { file, execArgv } = launches[launch]();
  const proc = fork(file, [], {
    execArgv,
    env: { ...process.env, FLOTILLA_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child = proc;
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const messages: FromEngine[] = [];
  const events: ThreadEvent[] = [];
  const queued: unknown[] = [];
  let listening = false;
  const post = (envelope: unknown) => (listening ? proc.send(envelope as object) : queued.push(envelope));
  proc.on('message', (envelope: { kind: string; message?: unknown; frame?: unknown }) => {
    if (envelope.kind === 'listening') {
      listening = true;
      for (const waiting of queued.splice(0)) proc.send(waiting as object);
    }
    if (envelope.kind === 'fromEngine') {
      const message = parseFromEngine(envelope.message);
      if (!message) throw new Error(`not a protocol message: ${JSON.stringify(envelope.message)}`);
      messages.push(message);
    }
    if (envelope.kind === 'event') {
      const event = eventFromFrame(envelope.frame);
      if (event) events.push(event);
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const waitFor = async <T extends FromEngine>(
    match: (message: FromEngine) => message is T,
    timeoutMs = 30_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find(match);
      if (found) return found;
      if (Date.now() > deadline || proc.exitCode !== null)
        throw new Error(`no matching message; got ${JSON.stringify(messages.map((m) => m.type))}; stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  let nextId = 1;
  return {
    messages,
    events,
    exited,
    waitFor,
    send: (message: ToEngine, withEventPort = false) => post({ kind: 'toEngine', message, withEventPort }),
    async call(method: string, params: unknown) {
      const id = nextId++;
      post({ kind: 'toEngine', message: { type: 'call', id, method, params } });
      return waitFor(
        (m): m is Extract<FromEngine, { type: 'result' | 'error' }> =>
          (m.type === 'result' || m.type === 'error') && m.id === id,
      );
    },
  };
}

describe('the engine process entry (electron/utility/engine-process.ts)', () => {
  it.each(['source', 'bundle'] as const)(
    '(%s) runs the engine in its own process on FLOTILLA_HOME: calls, events on the port, notifications, orderly exit',
    async (launch) => {
      const home = makeTempDir('flotilla-engine-process-');
      const repo = createTempRepo();
      temps.push(home, join(repo.path, '..'));
      const engine = spawnEngineProcess(home, launch);
      engine.send({ type: 'init', keys: {} });
      expect(
        await engine.waitFor((m): m is Extract<FromEngine, { type: 'ready' }> => m.type === 'ready'),
      ).toMatchObject({ kind: 'local', home });

      const info = await engine.call('engine/info', {});
      // The engine runs in the child, not in the process that asked.
      expect(info).toMatchObject({ type: 'result', result: { home, pid: child!.pid } });

      engine.send({ type: 'attachEvents' }, true);
      const added = (await engine.call('repo/add', { path: repo.path })) as { result: { repo: { id: string } } };
      const created = (await engine.call('task/create', {
        repoId: added.result.repo.id,
        prompt: 'write hello.txt hi',
      })) as { result: { tasks: { id: string }[] } };
      const taskId = created.result.tasks[0]!.id;
      const done = await engine.waitFor(
        (m): m is Extract<FromEngine, { type: 'notify' }> => m.type === 'notify' && m.event.taskId === taskId,
      );
      expect(done.event).toMatchObject({ type: 'status.changed', status: 'done' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(engine.events.filter((event) => event.taskId === taskId).map((event) => event.type)).toEqual(
        expect.arrayContaining(['task.created', 'turn.started', 'turn.ended', 'status.changed']),
      );

      engine.send({ type: 'shutdown' });
      await engine.waitFor((m): m is Extract<FromEngine, { type: 'closed' }> => m.type === 'closed');
      expect(await engine.exited).toBe(0);
      expect(existsSync(homePaths(home).lock)).toBe(false);
    },
  );
});
