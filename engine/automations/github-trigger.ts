import { z } from 'zod';
import type { Automation } from '../../shared/automation.js';
import type { EngineContext } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import type { AutomationStore } from './automation-store.js';
import { githubRemote, runGh, type GithubRemote } from './github-cli.js';
import type { FiredEvent } from './run-starter.js';

/** Newest issues and pull requests asked for per poll; more new ones than this between two polls are not all seen. */
const pollLimit = 50;

const itemSchema = z.object({
  number: z.number().int(),
  title: z.string().default(''),
  body: z.string().nullable().default(''),
  url: z.string().default(''),
  author: z
    .object({ login: z.string().default('') })
    .nullable()
    .default(null),
  labels: z.array(z.object({ name: z.string() })).default([]),
});
type Item = z.infer<typeof itemSchema> & { kind: 'issue' | 'pull_request' };

/**
 * The github trigger: polls the repository's GitHub remote with the gh CLI at the automation's interval for new
 * issues and pull requests, and fires once for each (keyed by its number). The first poll only remembers the highest
 * number there is: what existed before the automation never fires it. A failing poll is reported and tried again at
 * the next interval.
 */
export class GithubTrigger {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly polls = new Map<string, Promise<void>>();
  private readonly lastProblem = new Map<string, string>();
  private closed = false;

  constructor(
    private readonly context: () => EngineContext,
    private readonly store: AutomationStore,
    private readonly fire: (automation: Automation, event: FiredEvent) => Promise<unknown>,
    private readonly report: (automationId: string, problem: string) => void,
  ) {}

  /** Starts, restarts or stops the automation's polling after it was created, changed, paused or removed. */
  arm(automation: Automation | null, id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    if (this.closed || automation === null || automation.paused || automation.trigger.on !== 'github') return;
    this.schedule(id, 0);
  }

  /** Stops polling and waits for polls under way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.polls.values());
  }

  private schedule(id: string, waitMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(id);
      if (this.polls.has(id)) return;
      const poll = this.poll(id).finally(() => {
        this.polls.delete(id);
        const automation = this.store.get(id);
        if (!this.closed && automation?.trigger.on === 'github' && !automation.paused && !this.timers.has(id))
          this.schedule(id, automation.trigger.intervalSeconds * 1_000);
      });
      this.polls.set(id, poll);
    }, waitMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  private async poll(id: string): Promise<void> {
    const automation = this.store.get(id);
    if (automation === null || automation.paused || automation.trigger.on !== 'github') return;
    const repoPath = this.context().config.repos.get(automation.repoId)?.repo.path;
    if (!repoPath) return;
    let items: Item[];
    let remote: GithubRemote | null;
    try {
      remote = await githubRemote(repoPath);
      if (remote === null) throw new Error('the repository has no GitHub remote any more');
      items = await listItems(remote, repoPath, automation.trigger.kinds);
      this.lastProblem.delete(id);
    } catch (error) {
      const problem = `Automation ${automation.name} cannot poll GitHub: ${toErrorData(error).message}`;
      if (this.lastProblem.get(id) !== problem) this.report(id, problem);
      this.lastProblem.set(id, problem);
      return;
    }
    const seen = this.store.memoryOf(id).githubSeen;
    const highest = Math.max(seen ?? 0, ...items.map((item) => item.number));
    if (highest !== seen) this.store.setMemory(id, { githubSeen: highest });
    if (seen === null) return;
    const fresh = items.filter((item) => item.number > seen).sort((a, b) => a.number - b.number);
    for (const item of fresh) {
      if (this.closed) return;
      await this.fire(automation, eventOf(item, remote.slug));
    }
  }
}

async function listItems(remote: GithubRemote, repoPath: string, kinds: readonly string[]): Promise<Item[]> {
  const fields = 'number,title,body,url,author,labels';
  const list = async (command: 'issue' | 'pr', kind: Item['kind']) => {
    const args = [command, 'list', '--repo', remote.slug, '--state', 'open', '--limit', String(pollLimit)];
    const out = await runGh([...args, '--json', fields], repoPath);
    const parsed = z.array(itemSchema).safeParse(JSON.parse(out || '[]'));
    if (!parsed.success) throw new Error(`gh ${command} list printed something other than a list of ${command}s`);
    return parsed.data.map((item) => ({ ...item, kind }));
  };
  const items: Item[] = [];
  if (kinds.includes('issues')) items.push(...(await list('issue', 'issue')));
  if (kinds.includes('pulls')) items.push(...(await list('pr', 'pull_request')));
  return items;
}

function eventOf(item: Item, slug: string): FiredEvent {
  const what = item.kind === 'issue' ? 'issue' : 'pull request';
  return {
    reason: `new GitHub ${what} #${item.number}: ${item.title.slice(0, 100)}`,
    eventKey: `github:${item.kind}:${item.number}`,
    variables: {
      'event.kind': item.kind,
      'event.action': 'opened',
      'event.title': item.title,
      'event.body': (item.body ?? '').slice(0, 20_000),
      'event.url': item.url,
      'event.number': String(item.number),
      'event.sender': item.author?.login ?? '',
      'event.repository': slug,
      'event.labels': item.labels.map((label) => label.name).join(', '),
    },
  };
}
