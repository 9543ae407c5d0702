import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useModelServer } from '../../testing/agents/e2e-test-kit.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';
import { beginTrace, endTrace, startSpan, traceFileFromEnvironment } from './trace.js';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  tid: number;
  ts?: number;
  dur?: number;
  args?: Record<string, unknown>;
}

let harness: EngineHarness | undefined;
let server: ModelServer | undefined;
let folder: string | undefined;
const previous = process.env.FLOTILLA_TRACE;

afterEach(async () => {
  await harness?.dispose();
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  harness = server = folder = undefined;
  if (previous === undefined) delete process.env.FLOTILLA_TRACE;
  else process.env.FLOTILLA_TRACE = previous;
});

/** Reads a trace as Perfetto would: the JSON array format, whose closing bracket may be missing. */
function readTrace(file: string): TraceEvent[] {
  const text = readFileSync(file, 'utf8').trim();
  const body = text.endsWith(']') ? text : `${text.replace(/,$/, '')}]`;
  return (JSON.parse(body.replace(/,\s*\]$/, ']')) as (TraceEvent | null)[]).filter((event) => event !== null);
}

describe('FLOTILLA_TRACE', () => {
  it('records a dispatch as a Chrome trace: commands, worktree, git calls, the model request and event fan-out', async () => {
    folder = mkdtempSync(join(tmpdir(), 'flotilla-trace-'));
    const file = join(folder, 'dispatch.json');
    process.env.FLOTILLA_TRACE = file;
    server = await startModelServer();
    harness = await startHarness();
    await useModelServer(harness, server);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Say hello.',
      agent: 'builtin',
      model: 'anthropic:scenario:textOnly',
    });
    await harness.waitFor(tasks[0]!.id, ['done']);
    await harness.dispose();
    harness = undefined;

    // A finished trace is strict JSON; readTrace also reads one cut short, as a killed engine leaves it.
    const events = JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[];
    expect(readTrace(file)).toEqual(events);
    const spans = events.filter((event) => event.ph === 'X');
    const names = new Set(spans.map((event) => event.name));
    for (const name of ['command task/create', 'prepare worktree', 'git worktree.add', 'turn', 'settle turn (checks)'])
      expect(
        [...names].some((known) => known.startsWith(name)),
        `${name} in ${[...names].join(', ')}`,
      ).toBe(true);
    expect([...names].some((name) => name.startsWith('model request'))).toBe(true);
    expect([...names].some((name) => name.startsWith('fan-out status.changed'))).toBe(true);
    const request = spans.find((event) => event.name.startsWith('model request'));
    expect(typeof request?.args?.['firstEventMs']).toBe('number');
    // Each row holds spans that never overlap, so the viewer draws them as they were.
    const byRow = new Map<number, TraceEvent[]>();
    for (const span of spans) byRow.set(span.tid, [...(byRow.get(span.tid) ?? []), span]);
    for (const row of byRow.values()) {
      const sorted = [...row].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
      for (let index = 1; index < sorted.length; index += 1) {
        const before = sorted[index - 1]!;
        expect(sorted[index]!.ts ?? 0).toBeGreaterThanOrEqual((before.ts ?? 0) + (before.dur ?? 0));
      }
    }
    expect(events.some((event) => event.ph === 'M' && event.args?.['name'] === 'git 1')).toBe(true);
  });

  it('lets a span that outlives the trace end quietly, leaving the finished file intact', async () => {
    folder = mkdtempSync(join(tmpdir(), 'flotilla-trace-'));
    const file = join(folder, 'late.json');
    beginTrace(file);
    const late = startSpan('git late', 'git');
    startSpan('git early', 'git').end();
    expect(await endTrace()).toBe(file);
    late.end();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const names = (JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[]).map((event) => event.name);
    expect(names).toContain('git early');
    expect(names).not.toContain('git late');
  });

  it('is off unless asked, and FLOTILLA_TRACE=1 picks a file in the home', () => {
    expect(traceFileFromEnvironment('/home/flotilla', undefined)).toBeNull();
    expect(traceFileFromEnvironment('/home/flotilla', '0')).toBeNull();
    expect(traceFileFromEnvironment('/home/flotilla', '1')).toMatch(/^\/home\/flotilla\/traces\/engine-.*\.json$/);
    expect(traceFileFromEnvironment('/home/flotilla', '/tmp/x.json')).toBe('/tmp/x.json');
  });
});
