import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ThreadEvent } from '../shared/events.js';
import { MessageQueue } from '../shared/message-queue.js';
import type { Agent, AgentServices } from './agents/agent.js';
import type { EngineContext, RepoEntry } from './engine-context.js';
import { gitCommonDir } from './git/common-dir.js';
import type { HomePaths } from './home.js';
import { z } from 'zod';
import { providerEnvironment } from '../shared/provider-environment.js';
import { modelPriceSchema, type ModelPrice } from '../shared/repo.js';
import { defaultPrices } from './agents/builtin/price-table.js';
import { loadRepos, loadSettings, saveRepos, saveSettings } from './store/config-store.js';
import { readJsonFile, writeJsonFile } from './store/json-file.js';
import { loadSecrets, saveSecrets } from './store/secrets-store.js';
import { readEventLog } from './store/event-log.js';
import { loadTaskIndex, saveTaskIndex, threadLogPath } from './store/task-index.js';
import { runJob } from './tasks/run-job.js';
import { Scheduler } from './tasks/scheduler.js';
import { ApprovalDesk } from './tasks/approvals.js';
import { TaskRecord, type PendingMessage } from './tasks/task-record.js';

/** The engine's state plus the lifecycle hooks createEngine needs. */
export interface EngineState {
  context: EngineContext;
  /** Re-queues tasks that were queued when the engine last stopped. */
  resumeQueued(): void;
  /** Interrupts running work (recording it), saves the index and closes logs. */
  shutdown(): Promise<void>;
}

/** Loads repos, settings and tasks from FLOTILLA_HOME and wires the scheduler. */
export async function createContext(input: {
  paths: HomePaths;
  worktreesRoot: string;
  agents: readonly Agent[] | ((services: AgentServices) => readonly Agent[]);
  emit(event: ThreadEvent): void;
}): Promise<EngineState> {
  const { paths } = input;
  const repos = new Map<string, RepoEntry>();
  for (const repo of loadRepos(paths.repos)) repos.set(repo.id, { repo, commonDir: await commonDirOf(repo.path) });
  const tasks = new Map<string, TaskRecord>();
  const notices: string[] = [];
  const loaded = loadTaskIndex(paths.taskIndex, paths.threads);
  for (const entry of loaded.tasks) {
    tasks.set(entry.task.id, new TaskRecord(entry.task, entry.seq, threadLogPath(paths.threads, entry.task.id), entry.logBytes));
    if (entry.skippedLines > 0) notices.push(`Thread ${entry.task.id}: skipped ${entry.skippedLines} unreadable line(s) in its log (a write was cut short).`);
  }
  if (loaded.rebuilt > 0) notices.push(`Rebuilt ${loaded.rebuilt} task(s) from their thread logs.`);

  const secrets = loadSecrets(paths.secrets);
  const userPrices: Record<string, ModelPrice> = readJsonFile(paths.pricing, z.record(z.string(), modelPriceSchema)) ?? {};

  let saveTimer: NodeJS.Timeout | null = null;
  const saveIndex = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    saveTaskIndex(paths.taskIndex, [...tasks.values()].map((record) => ({ task: record.task, seq: record.seq, logBytes: record.log.size })));
  };
  const saveIndexSoon = () => {
    saveTimer ??= setTimeout(saveIndex, 100);
  };

  const scheduler = new Scheduler(
    () => context.settings.concurrency,
    async (taskId) => {
      const record = tasks.get(taskId);
      if (!record) return;
      const job = runJob(context, record);
      record.job = job;
      try {
        await job;
      } finally {
        record.job = null;
      }
    },
    (taskId) => {
      // A message sent just as the previous job finished must not be stranded.
      const record = tasks.get(taskId);
      if (record && record.pending.length > 0 && !shuttingDown) context.schedule(taskId);
    },
  );
  let shuttingDown = false;

  const context: EngineContext = {
    paths,
    worktreesRoot: input.worktreesRoot,
    repos,
    tasks,
    settings: loadSettings(paths.settings),
    agents: new Map(),
    notices,
    providerConfig(id) {
      const stored = secrets[id];
      const names = providerEnvironment[id];
      // An empty variable (ANTHROPIC_API_KEY=) means "not set", not an empty key.
      const fromEnvironment = (name: string) => process.env[name]?.trim() || null;
      return { apiKey: stored.apiKey || fromEnvironment(names.key), baseUrl: stored.baseUrl || fromEnvironment(names.url) };
    },
    updateProvider(id, change) {
      const next = { ...secrets[id] };
      if (change.apiKey !== undefined) {
        if (change.apiKey === null) delete next.apiKey;
        else next.apiKey = change.apiKey;
      }
      if (change.baseUrl !== undefined) {
        if (change.baseUrl === null) delete next.baseUrl;
        else next.baseUrl = change.baseUrl;
      }
      secrets[id] = next;
      saveSecrets(paths.secrets, secrets);
    },
    prices() {
      return { ...defaultPrices, ...userPrices };
    },
    updatePrice(model, price) {
      if (price) userPrices[model] = price;
      else delete userPrices[model];
      writeJsonFile(paths.pricing, userPrices);
    },
    approvals: new ApprovalDesk({ record: (taskId, event) => context.record(taskId, event), setStatus: (taskId, status) => context.setStatus(taskId, status) }),
    get shuttingDown() {
      return shuttingDown;
    },
    record(taskId, event) {
      const record = tasks.get(taskId);
      if (!record) throw new Error(`record() for unknown task ${taskId}`);
      const stamped = record.apply(event);
      if (stamped.type === 'status.changed' || stamped.type === 'turn.ended' || stamped.type === 'task.created' || stamped.type === 'sibling.merged') saveIndexSoon();
      input.emit(stamped);
      return stamped;
    },
    setStatus(taskId, status, message = null) {
      const change = tasks.get(taskId)?.statusChange(status, message);
      if (change) context.record(taskId, change);
    },
    saveConfig() {
      saveRepos(paths.repos, [...repos.values()].map((entry) => entry.repo));
      saveSettings(paths.settings, context.settings);
      scheduler.pump();
    },
    schedule(taskId) {
      if (shuttingDown) return;
      if (scheduler.isActive(taskId)) return;
      if (scheduler.enqueue(taskId)) context.setStatus(taskId, 'queued');
    },
    unschedule(taskId) {
      return scheduler.cancel(taskId);
    },
    async stop(taskId) {
      const record = tasks.get(taskId);
      if (!record) return;
      if (scheduler.cancel(taskId)) {
        record.pending.length = 0;
        context.setStatus(taskId, 'stopped', 'Stopped before it started.');
        return;
      }
      record.pending.length = 0;
      record.controller?.abort();
      await record.job?.catch(() => undefined);
    },
  };

  const services: AgentServices = { home: paths.home, providerConfig: (id) => context.providerConfig(id), prices: () => context.prices() };
  const agents = typeof input.agents === 'function' ? input.agents(services) : input.agents;
  for (const agent of agents) context.agents.set(agent.id, agent);

  return {
    context,
    resumeQueued() {
      for (const record of tasks.values()) {
        if (record.task.status !== 'queued') continue;
        record.pending.push(...unansweredMessages(record));
        if (record.pending.length === 0) record.pending.push({ seq: null, text: record.task.prompt });
        scheduler.enqueue(record.task.id);
      }
    },
    async shutdown() {
      shuttingDown = true;
      const jobs = [...tasks.values()].filter((record) => record.controller);
      for (const record of jobs) record.controller?.abort();
      await Promise.all(jobs.map((record) => record.job?.catch(() => undefined)));
      saveIndex();
      for (const record of tasks.values()) record.log.close();
    },
  };
}

/** User messages that no turn has started on yet, and that were neither cancelled nor dropped by a stop. */
export function unansweredMessages(record: TaskRecord): PendingMessage[] {
  const events = readEventLog(record.log.path).events;
  const queue = new MessageQueue();
  const texts = new Map<number, string>();
  for (const event of events) {
    if (event.type === 'user.message') texts.set(event.seq, event.text);
    queue.fold(event);
  }
  return queue.waiting.map((seq) => ({ seq, text: texts.get(seq) ?? '' }));
}

async function commonDirOf(path: string): Promise<string> {
  // A repository whose folder vanished still needs a key; reconcile reports the missing folder.
  if (!existsSync(path)) return resolve(path, '.git');
  return gitCommonDir(path).catch(() => resolve(path, '.git'));
}
