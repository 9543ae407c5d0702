import { Cron } from 'croner';

/** The next times a schedule fires, as this window works them out (the engine has the last word when saving). */
export function nextRunsOf(cron: string, timezone: string | null, count = 3): Date[] | null {
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return null;
  try {
    return new Cron(cron.trim(), { paused: true, ...(timezone ? { timezone } : {}) }).nextRuns(count);
  } catch {
    return null;
  }
}

function when(date: Date, timezone: string | null): string {
  const style = { dateStyle: 'medium', timeStyle: 'short' } as const;
  return date.toLocaleString(undefined, timezone ? { ...style, timeZone: timezone } : style);
}

/** "Next: …": when a schedule fires next, while its expression is typed. */
export function NextRuns({ cron, timezone }: { cron: string; timezone: string | null }) {
  const runs = nextRunsOf(cron, timezone);
  return (
    <p className="hint field-wide" data-testid="automation-next-runs">
      {runs === null || runs.length === 0
        ? 'No next runs: check the expression (saving says what is wrong).'
        : `Next: ${runs.map((run) => when(run, timezone)).join(' · ')}${timezone ? ` (${timezone})` : ''}`}
    </p>
  );
}
