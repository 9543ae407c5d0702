import type { Automation } from '../../shared/automation.js';
import type { VerifyResult } from '../../shared/verify.js';
import type { EngineContext } from '../engine-context.js';
import { commitsBetween } from '../git/commit-range.js';
import type { AutomationStore } from './automation-store.js';
import { commitEvents, eventFor } from './commit-trigger.js';
import type { FiredEvent } from './run-starter.js';
import { verifyInScratch } from './scratch-verify.js';

/** A check waiting behind the one running: only the newest tip waits, older ones are passed by. */
interface Checking {
  newerTip: FiredEvent | null;
  done: Promise<void>;
}

/**
 * The verify-failed trigger: on each new tip of its branch (found as the commit trigger finds them), runs the
 * repository's verify command in a scratch worktree and fires when it fails, with the failure in {{failure.*}}. One
 * check at a time per automation; a newer tip that arrives meanwhile is checked after it. A tip whose check the engine
 * did not finish (it closed, or was killed) is checked by the next engine.
 */
export class VerifyTrigger {
  private readonly checking = new Map<string, Checking>();
  private readonly stop = new AbortController();

  constructor(
    private readonly context: () => EngineContext,
    private readonly store: AutomationStore,
    private readonly fire: (automation: Automation, event: FiredEvent) => Promise<unknown>,
    private readonly report: (automationId: string, problem: string) => void,
  ) {}

  /** Looks at the branch: checks a new tip, or the last tip seen when its check never finished. */
  async look(automation: Automation, ownMerges: ReadonlySet<string>): Promise<void> {
    if (automation.trigger.on !== 'verifyFailed') return;
    const before = this.store.memoryOf(automation.id);
    const events = await commitEvents(this.context(), this.store, automation, ownMerges);
    const after = this.store.memoryOf(automation.id);
    for (const event of events) this.check(automation, event);
    if (events.length > 0 || this.checking.has(automation.id) || after.lastTip === null) return;
    // The branch moved to a tip that needs no check (the first look, or Flotilla's own merge): nothing is behind.
    if (after.lastTip !== before.lastTip) return this.store.setMemory(automation.id, { verifiedTip: after.lastTip });
    if (after.verifiedTip === after.lastTip) return;
    const event = await this.catchUpEvent(automation, after.verifiedTip, after.lastTip);
    if (event) this.check(automation, event);
  }

  /** Stops the checks running (their tips stay unchecked for the next engine) and waits for them to end. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.checking.values()].map((checking) => checking.done));
  }

  private check(automation: Automation, event: FiredEvent): void {
    const running = this.checking.get(automation.id);
    if (running) {
      running.newerTip = running.newerTip ? passedBy(running.newerTip, event) : event;
      return;
    }
    const checking: Checking = { newerTip: null, done: Promise.resolve() };
    this.checking.set(automation.id, checking);
    checking.done = (async () => {
      let next: FiredEvent | null = event;
      try {
        while (next !== null && !this.stop.signal.aborted) {
          await this.verify(automation.id, next);
          next = checking.newerTip;
          checking.newerTip = null;
        }
      } finally {
        this.checking.delete(automation.id);
      }
    })();
  }

  private async verify(id: string, event: FiredEvent): Promise<void> {
    const automation = this.store.get(id);
    if (automation === null || automation.paused || automation.trigger.on !== 'verifyFailed') return;
    const entry = this.context().config.repos.get(automation.repoId);
    const sha = event.variables['commit.sha'] ?? '';
    if (!entry || sha === '') return;
    const command = entry.repo.settings.verifyCommand.trim();
    if (command === '') {
      // Passed over, so the next look does not try (and report) it again.
      this.store.setMemory(id, { verifiedTip: sha });
      this.report(
        id,
        `Automation ${automation.name} cannot check ${sha.slice(0, 7)}: ${entry.repo.name} has no verify command ` +
          `any more. Set one in Settings, or with \`flotilla repo set ${entry.repo.name} --verify "<command>"\`.`,
      );
      return;
    }
    const result = await verifyInScratch(this.context(), {
      entry,
      owner: automation.id,
      commit: sha,
      command,
      timeoutMs: entry.repo.settings.verifyTimeoutMs,
      signal: this.stop.signal,
    });
    if (result.outcome === 'stopped') return;
    this.store.setMemory(id, { verifiedTip: sha });
    if (result.passed) return;
    const short = sha.slice(0, 7);
    await this.fire(automation, {
      reason: `verify failed on ${short} (${automation.trigger.branch}): ${describeFailure(result)}`,
      eventKey: `verify:${sha}`,
      variables: {
        ...event.variables,
        'failure.output': result.outputTail,
        'failure.command': command,
        'failure.exitCode': result.exitCode === null ? result.outcome : String(result.exitCode),
      },
    });
  }

  private async catchUpEvent(automation: Automation, from: string | null, tip: string): Promise<FiredEvent | null> {
    const repoPath = this.context().config.repos.get(automation.repoId)?.repo.path;
    if (!repoPath || automation.trigger.on !== 'verifyFailed') return null;
    const commits = await commitsBetween(repoPath, from, tip, 50).catch(() => commitsBetween(repoPath, null, tip, 1));
    const newest = commits[commits.length - 1];
    if (!newest) return null;
    const range = `${from?.slice(0, 7) ?? ''}..${tip.slice(0, 7)}`;
    return eventFor(newest, commits, automation.trigger.branch, range, 'unchecked tip');
  }
}

/** A newer tip's event that also covers the commits of the one it passed by, so {{commit.list}} misses none. */
function passedBy(older: FiredEvent, newer: FiredEvent): FiredEvent {
  const value = (event: FiredEvent, name: string) => event.variables[name] ?? '';
  const [from = ''] = value(older, 'commit.range').split('..');
  const [, to = ''] = value(newer, 'commit.range').split('..');
  return {
    ...newer,
    variables: {
      ...newer.variables,
      'commit.range': `${from}..${to}`,
      'commit.count': String(Number(value(older, 'commit.count')) + Number(value(newer, 'commit.count'))),
      'commit.list': `${value(older, 'commit.list')}\n${value(newer, 'commit.list')}`,
    },
  };
}

function describeFailure(result: VerifyResult): string {
  switch (result.outcome) {
    case 'timedOut':
      return `\`${result.command}\` ran out of time`;
    case 'notFound':
      return `\`${result.command}\` was not found (exit 127)`;
    case 'failedToStart':
      return `\`${result.command}\` could not start`;
    case 'passed':
    case 'failed':
    case 'stopped':
      return `\`${result.command}\` exited with ${result.exitCode ?? '?'}`;
    default: {
      const unknown: never = result.outcome;
      return String(unknown);
    }
  }
}
