import type { AutomationRun } from '../../../../shared/automation.js';

/** What became of a run, in a few words: "Queued", "Running", "3 files changed", "Skipped", "Failed to start". */
export function runStateText(run: AutomationRun): string {
  switch (run.state) {
    case 'queued':
      return 'Queued';
    case 'started':
      return run.inbox === null ? 'Running' : (run.outcome ?? 'Finished');
    case 'skipped':
      return 'Skipped';
    case 'failed':
      return 'Failed to start';
    default: {
      const unknown: never = run.state;
      return String(unknown);
    }
  }
}

/** The tone a run's state is drawn in, like a task status. */
export function runTone(run: AutomationRun): 'active' | 'good' | 'bad' | 'muted' {
  switch (run.state) {
    case 'queued':
      return 'active';
    case 'started':
      return run.inbox === null ? 'active' : 'good';
    case 'skipped':
      return 'muted';
    case 'failed':
      return 'bad';
    default: {
      const unknown: never = run.state;
      return unknown;
    }
  }
}

/** When something happened, short: "14:03" today, "3 Dec 14:03" before. */
export function formatWhen(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === date.toDateString()
    ? time
    : `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}
