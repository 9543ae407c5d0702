import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beginTrace, endTrace } from '../engine/trace/trace.js';

/** Where the bench writes its traces: BENCH_TRACE_DIR, or a folder in the system's temp folder. */
export function benchTraceDir(): string {
  return process.env.BENCH_TRACE_DIR ?? join(tmpdir(), 'flotilla-bench-traces');
}

/**
 * Runs one more round of a figure while recording a trace of it (FLOTILLA_TRACE's format, for Perfetto), so a reader
 * can see where that figure's time goes. Returns the round's result and the trace's path.
 */
export async function tracedRound<T>(name: string, round: () => Promise<T>): Promise<{ result: T; trace: string }> {
  const file = join(benchTraceDir(), `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  beginTrace(file);
  try {
    return { result: await round(), trace: file };
  } finally {
    await endTrace();
  }
}
