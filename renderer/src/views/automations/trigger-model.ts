import type { AutomationTrigger, TriggerKind } from '../../../../shared/automation.js';

/** The trigger kinds the form offers, with what each is called there (a new kind needs a label here). */
export const triggerKindLabels: Record<TriggerKind, string> = {
  schedule: 'On a schedule',
  commit: 'New commits on a branch',
  verifyFailed: 'The checks fail on a branch’s new tip',
  webhook: 'A webhook (a signed POST to the engine)',
  github: 'New GitHub issues or pull requests',
  task: 'Another task finished, merged or failed its checks',
};

/** The trigger kinds in the order the form lists them. */
export const triggerKinds = Object.keys(triggerKindLabels) as TriggerKind[];

/** What another task's outcome is called in words. */
const taskWhen: Record<Extract<AutomationTrigger, { on: 'task' }>['when'], string> = {
  finished: 'finishes',
  merged: 'is merged',
  failedVerification: 'fails its checks',
};

/** A fresh trigger of a kind, as the form starts it. */
export function emptyTrigger(kind: TriggerKind, branch = 'main'): AutomationTrigger {
  switch (kind) {
    case 'schedule':
      return { on: 'schedule', cron: '0 7 * * 1-5', timezone: null };
    case 'commit':
      return { on: 'commit', branch, per: 'tip', includeOwnMerges: false };
    case 'verifyFailed':
      return { on: 'verifyFailed', branch, includeOwnMerges: false };
    case 'webhook':
      return { on: 'webhook' };
    case 'github':
      return { on: 'github', intervalSeconds: 300, kinds: ['issues', 'pulls'] };
    case 'task':
      return { on: 'task', when: 'merged', branch: null };
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown trigger kind ${String(unknown)}.`);
    }
  }
}

/** What starts an automation, in words: "Schedule 0 7 * * 1-5 (Europe/Oslo)", "Each new tip of main". */
export function describeTrigger(trigger: AutomationTrigger): string {
  switch (trigger.on) {
    case 'schedule':
      return `Schedule ${trigger.cron}${trigger.timezone ? ` (${trigger.timezone})` : ''}`;
    case 'commit': {
      const which =
        trigger.per === 'tip' ? `Each new tip of ${trigger.branch}` : `Each new commit on ${trigger.branch}`;
      return trigger.includeOwnMerges ? `${which}, Flotilla’s merges too` : which;
    }
    case 'verifyFailed': {
      const which = `When the checks fail on a new tip of ${trigger.branch}`;
      return trigger.includeOwnMerges ? `${which}, Flotilla’s merges too` : which;
    }
    case 'webhook':
      return 'A signed webhook POST';
    case 'github': {
      const what = [...trigger.kinds]
        .sort()
        .map((kind) => (kind === 'issues' ? 'issues' : 'pull requests'))
        .join(' and ');
      return `New GitHub ${what}, checked every ${describeInterval(trigger.intervalSeconds)}`;
    }
    case 'task':
      return `When a task ${taskWhen[trigger.when]}${trigger.branch ? ` on ${trigger.branch}` : ''}`;
    default: {
      const unknown: never = trigger;
      return `Unknown trigger ${JSON.stringify(unknown)}`;
    }
  }
}

/** The options of another task's outcome, for the form. */
export const taskWhenOptions = Object.entries(taskWhen).map(([value, label]) => ({
  value: value as keyof typeof taskWhen,
  label: `it ${label}`,
}));

/** A polling interval in words: "30 s", "5 min", "2 h". */
export function describeInterval(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3_600 || seconds % 3_600 !== 0) return `${Math.round((seconds / 60) * 10) / 10} min`;
  return `${seconds / 3_600} h`;
}
