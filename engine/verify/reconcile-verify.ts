import { verifyTailChars, type VerifyResult } from '../../shared/verify.js';
import type { EngineContext } from '../engine-context.js';
import { readEventLog } from '../store/event-log.js';
import type { TaskRecord } from '../tasks/task-record.js';

/**
 * At start-up: a verify run the engine was stopped in the middle of (verify.started with no verify.finished) gets a
 * verify.finished with outcome 'stopped', so the task never stays "Verifying" and its last result says what happened.
 * Returns that result, or null when no run was cut short.
 */
export function finishInterruptedVerify(context: EngineContext, record: TaskRecord): VerifyResult | null {
  if (!record.task.verifying) return null;
  const events = readEventLog(record.log.path).events;
  const started = events.findLast((event) => event.type === 'verify.started');
  if (started?.type !== 'verify.started') return null;
  const output = events
    .filter((event) => event.type === 'verify.output' && event.seq > started.seq)
    .map((event) => (event.type === 'verify.output' ? event.text : ''))
    .join('');
  const note = '\n[the engine stopped while this ran]\n';
  const result: VerifyResult = {
    passed: false,
    outcome: 'stopped',
    exitCode: null,
    durationMs: Math.max(0, Date.parse(record.task.updatedAt) - Date.parse(started.at)) || 0,
    command: started.command,
    outputTail: `${output}${note}`.slice(-verifyTailChars),
    outputChars: output.length,
    commit: started.commit,
    at: new Date().toISOString(),
  };
  context.store.record(record.task.id, {
    type: 'verify.finished',
    result,
    willRetry: false,
    retry: started.retry,
    retries: started.retries,
  });
  return result;
}
