import { describeVerify, type VerifyResult } from '../../shared/verify.js';

/** Characters of the output a retry message carries: the end, where failures are. */
export const retryOutputChars = 4_000;

/** What went wrong, in words: "`npm test` exited 1", "`foo` was not found in the sandbox (exit 127)". */
function whatHappened(result: VerifyResult): string {
  const command = `\`${result.command}\``;
  switch (result.outcome) {
    case 'failed':
      return result.exitCode === null ? `${command} was killed by a signal` : `${command} exited ${result.exitCode}`;
    case 'timedOut':
      return `${command} ran past its time limit (${(result.durationMs / 1000).toFixed(0)} s) and was stopped`;
    case 'notFound':
      return `${command} was not found in the sandbox (exit 127)`;
    case 'failedToStart':
      return `${command} could not start`;
    case 'stopped':
      return `${command} was stopped`;
    case 'passed':
      return `${command} passed`;
    default: {
      const unreachable: never = result.outcome;
      return unreachable;
    }
  }
}

/** The message that sends a failed verify back to the agent: the command, how it failed, and the end of its output. */
export function retryMessage(result: VerifyResult, retry: number, retries: number): string {
  const output = result.outputTail.slice(-retryOutputChars);
  const cut =
    result.outputChars > output.length ? ` (the last ${output.length} of ${result.outputChars} characters)` : '';
  return [
    `The checks failed after your changes: ${whatHappened(result)}. Fix the cause so that \`${result.command}\` passes; it runs again when your turn ends (retry ${retry} of ${retries}).`,
    '',
    `Output${cut}:`,
    '```',
    output.trimEnd() || '(no output)',
    '```',
  ].join('\n');
}

/** The status message of a task whose checks failed for good: what failed and why it goes no further. */
export function failedVerifyStatus(
  result: VerifyResult,
  round: { retry: number; retries: number; budget: string | null },
): string {
  const what = whatHappened(result);
  switch (result.outcome) {
    case 'notFound':
      return `Failed verification: ${what}. Install it in the repository (or the machine), or change the repository's verify command.`;
    case 'failedToStart':
      return `Failed verification: ${what}: ${result.outputTail.trim() || 'no reason given'}. Check the repository's verify command.`;
    default:
      break;
  }
  if (round.budget !== null)
    return `Failed verification: ${what}; no retry, the task is at ${round.budget}. Raise the budget and send a message to go on.`;
  if (round.retry >= round.retries) {
    const after = round.retries === 0 ? '' : ` after ${round.retries} ${round.retries === 1 ? 'retry' : 'retries'}`;
    return `Failed verification: ${what}${after}.`;
  }
  // A message the person sent is next; it gets its own checks.
  return `Failed verification: ${what}.`;
}

/** The status message of a task whose checks were stopped. */
export function stoppedVerifyStatus(result: VerifyResult, status: 'stopped' | 'interrupted'): string {
  return status === 'stopped'
    ? `Stopped while verifying: ${describeVerify(result)}.`
    : `The engine stopped while verifying (${describeVerify(result)}). Send a message, or run the checks again.`;
}
