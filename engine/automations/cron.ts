import { Cron } from 'croner';

/**
 * What is wrong with a cron expression and time zone (null when nothing): five fields (minute hour day month
 * weekday) or six with seconds first, checked by croner, and a schedule that never fires.
 */
export function cronProblem(expression: string, timezone: string | null): string | null {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6)
    return `"${expression}" has ${fields} field${fields === 1 ? '' : 's'}; a cron expression has 5 (minute hour day month weekday, e.g. "0 7 * * 1-5") or 6 with seconds first.`;
  try {
    if (cronOf(expression, timezone).nextRun() === null) return `"${expression}" never fires; check its day and month.`;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Cron\w*: /, '') : String(error);
    if (timezone !== null && /timezone/i.test(reason))
      return `"${timezone}" is not a time zone this machine knows; use an IANA name such as Europe/Oslo or America/New_York.`;
    return `"${expression}" is not a valid cron expression: ${reason}.`;
  }
  return null;
}

/** The first slot of the schedule after `after` (null when it never fires again). */
export function nextSlot(expression: string, timezone: string | null, after: Date): Date | null {
  return cronOf(expression, timezone).nextRun(after);
}

/** The latest slot of the schedule at or before `now`, after `after`; null when none fell in between. */
export function latestSlotBetween(expression: string, timezone: string | null, after: Date, now: Date): Date | null {
  const first = nextSlot(expression, timezone, after);
  if (first === null || first > now) return null;
  const [latest] = cronOf(expression, timezone).previousRuns(1, new Date(now.getTime() + 1));
  return latest && latest > after ? latest : first;
}

function cronOf(expression: string, timezone: string | null): Cron {
  return new Cron(expression.trim(), { paused: true, ...(timezone === null ? {} : { timezone }) });
}
