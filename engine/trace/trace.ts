import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What a span is about; each gets its own rows in the trace viewer. */
export type TraceCategory = 'git' | 'phase' | 'agent' | 'events';

/** A span in flight: `end` records it (once), with any details learnt meanwhile. */
export interface Span {
  end(args?: Record<string, unknown>): void;
}

const noSpan: Span = { end() {} };
const categoryBase: Record<TraceCategory, number> = { phase: 100, agent: 200, git: 300, events: 400 };

/**
 * A Chrome trace (JSON array format, which Perfetto and chrome://tracing open even without its closing bracket, so a
 * killed engine still leaves a readable file). Spans are complete events on rows per category: a span takes the
 * lowest row of its category that is free when it starts, so rows never hold overlapping spans.
 */
class TraceWriter {
  private readonly out: WriteStream;
  private readonly busy = new Map<TraceCategory, boolean[]>();
  private readonly named = new Set<number>();
  private readonly origin = performance.now();
  private closed = false;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.out = createWriteStream(file, { flags: 'w' });
    this.out.write('[\n');
    this.write({ name: 'process_name', ph: 'M', pid: process.pid, tid: 0, args: { name: 'Flotilla engine' } });
  }

  start(name: string, category: TraceCategory, args: Record<string, unknown>): Span {
    const rows = this.busy.get(category) ?? [];
    this.busy.set(category, rows);
    let row = rows.indexOf(false);
    if (row < 0) row = rows.push(false) - 1;
    rows[row] = true;
    const tid = categoryBase[category] + row;
    if (!this.named.has(tid)) {
      this.named.add(tid);
      this.write({ name: 'thread_name', ph: 'M', pid: process.pid, tid, args: { name: `${category} ${row + 1}` } });
    }
    const started = performance.now();
    let ended = false;
    return {
      end: (more) => {
        if (ended) return;
        ended = true;
        rows[row] = false;
        const now = performance.now();
        this.write({
          name,
          cat: category,
          ph: 'X',
          pid: process.pid,
          tid,
          ts: Math.round((started - this.origin) * 1000),
          dur: Math.max(1, Math.round((now - started) * 1000)),
          args: { ...args, ...more },
        });
      },
    };
  }

  close(): Promise<void> {
    // Spans still open (background git work, say) end after this without writing.
    this.closed = true;
    // A last event without a comma after it, so a finished trace is strict JSON too.
    const last = { name: 'process_labels', ph: 'M', pid: process.pid, tid: 0, args: { labels: 'trace finished' } };
    return new Promise((resolve) => this.out.end(`${JSON.stringify(last)}\n]\n`, () => resolve()));
  }

  private write(event: Record<string, unknown>): void {
    if (this.closed) return;
    this.out.write(`${JSON.stringify(event)},\n`);
  }
}

let writer: TraceWriter | null = null;

/**
 * Starts recording spans to `file` (replacing a trace in progress). The engine calls it at start when FLOTILLA_TRACE
 * is set; benchmarks call it around one round per figure.
 */
export function beginTrace(file: string): void {
  void writer?.close();
  writer = new TraceWriter(file);
}

/** Stops recording and finishes the file; the path of the trace written, or null when none was recording. */
export async function endTrace(): Promise<string | null> {
  const current = writer;
  writer = null;
  if (!current) return null;
  await current.close();
  return current.file;
}

/**
 * Where FLOTILLA_TRACE asks for a trace: `1` (or `true`) means a new file under the home's traces folder, anything
 * else is a file path; null when tracing is off.
 */
export function traceFileFromEnvironment(home: string, value = process.env.FLOTILLA_TRACE): string | null {
  if (!value || value === '0' || value === 'false') return null;
  if (value === '1' || value === 'true')
    return join(home, 'traces', `engine-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.json`);
  return value;
}

/** Starts a span when a trace is recording; a no-op otherwise, so call sites cost nothing with tracing off. */
export function startSpan(name: string, category: TraceCategory, args: Record<string, unknown> = {}): Span {
  return writer ? writer.start(name, category, args) : noSpan;
}

/** Runs `work` inside a span (ended however it settles, with `failed` when it threw). */
export async function traced<T>(
  name: string,
  category: TraceCategory,
  work: () => Promise<T>,
  args: Record<string, unknown> = {},
): Promise<T> {
  if (!writer) return work();
  const span = writer.start(name, category, args);
  try {
    const result = await work();
    span.end();
    return result;
  } catch (error) {
    span.end({ failed: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
