import { appendFileSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { automationRunSchema, automationSchema, type Automation, type AutomationRun } from '../../shared/automation.js';
import { EngineError } from '../errors.js';
import { readJsonFile, writeJsonFile } from '../store/json-file.js';

/** What a trigger remembers between engine runs, so nothing fires twice and nothing missed is forgotten. */
export const triggerMemorySchema = z.object({
  /** The last schedule slot fired (or when the schedule began): a slot after it that has passed was missed. */
  lastSlot: z.string().nullable().default(null),
  /** The branch tip a commit trigger last saw. */
  lastTip: z.string().nullable().default(null),
  /** The tip a verify-failed trigger last finished checking (behind lastTip while a check waits or runs). */
  verifiedTip: z.string().nullable().default(null),
  /** The highest issue or pull request number a github trigger has seen; null until its first poll. */
  githubSeen: z.number().int().nullable().default(null),
});
/** What a trigger remembers between engine runs. */
export type TriggerMemory = z.infer<typeof triggerMemorySchema>;

const fileSchema = z.object({
  automations: z.array(automationSchema).default([]),
  memory: z.record(z.string(), triggerMemorySchema).default({}),
});

/** Event keys kept per automation for spotting duplicates (a retried delivery, the same commit seen twice). */
const keptKeys = 2_000;

/**
 * Automations and their runs under FLOTILLA_HOME: automations.json (written whole, atomically) and
 * automation-runs.jsonl (appended; a torn last line after a crash is skipped).
 */
export class AutomationStore {
  private readonly automations = new Map<string, Automation>();
  private readonly memory = new Map<string, TriggerMemory>();
  private readonly runs = new Map<string, AutomationRun>();
  private readonly keys = new Map<string, Set<string>>();

  constructor(
    private readonly file: string,
    private readonly runsFile: string,
  ) {
    const stored = readJsonFile(file, fileSchema);
    for (const automation of stored?.automations ?? []) this.automations.set(automation.id, automation);
    for (const [id, memory] of Object.entries(stored?.memory ?? {})) this.memory.set(id, memory);
    for (const run of readRuns(runsFile)) this.index(run);
  }

  /** Every automation, oldest first. */
  list(): Automation[] {
    return [...this.automations.values()];
  }

  /** The automation an id or a name refers to, or a clear error naming where to find them. */
  resolve(ref: string): Automation {
    const all = this.list();
    const found = all.find((one) => one.id === ref) ?? all.find((one) => one.name === ref);
    if (!found)
      throw new EngineError(
        'notFound',
        `No automation named or with id "${ref}". See \`flotilla automation list\` for their names.`,
      );
    return found;
  }

  /** The automation with this id, or null. */
  get(id: string): Automation | null {
    return this.automations.get(id) ?? null;
  }

  /** Saves an automation (new or changed). */
  put(automation: Automation): void {
    this.automations.set(automation.id, automation);
    this.save();
  }

  /** Forgets an automation and its trigger memory; its runs stay in the log. */
  remove(id: string): boolean {
    const removed = this.automations.delete(id);
    this.memory.delete(id);
    if (removed) this.save();
    return removed;
  }

  /** What the automation's trigger remembers. */
  memoryOf(id: string): TriggerMemory {
    return this.memory.get(id) ?? triggerMemorySchema.parse({});
  }

  private index(run: AutomationRun): void {
    this.runs.set(run.id, run);
    if (run.eventKey === null) return;
    const keys = this.keys.get(run.automationId) ?? new Set<string>();
    keys.add(run.eventKey);
    if (keys.size > keptKeys) keys.delete(keys.values().next().value ?? '');
    this.keys.set(run.automationId, keys);
  }

  /** Sets part of a trigger's memory, durably. */
  setMemory(id: string, patch: Partial<TriggerMemory>): void {
    this.memory.set(id, { ...this.memoryOf(id), ...patch });
    this.save();
  }

  /** Whether a run of this automation already had this event key. */
  seen(automationId: string, eventKey: string): boolean {
    return this.keys.get(automationId)?.has(eventKey) ?? false;
  }

  /** Records a run as it is now (appended; the latest line of a run is what it is). */
  recordRun(run: AutomationRun): void {
    appendFileSync(this.runsFile, `${JSON.stringify(run)}\n`);
    this.index(run);
  }

  /** Runs, newest first: of one automation, or of all; at most `limit`. */
  listRuns(automationId: string | null, limit: number): AutomationRun[] {
    const all = [...this.runs.values()].filter((run) => automationId === null || run.automationId === automationId);
    return all.reverse().slice(0, limit);
  }

  /** The run with this id, or null. */
  run(id: string): AutomationRun | null {
    return this.runs.get(id) ?? null;
  }

  private save(): void {
    writeJsonFile(this.file, { automations: this.list(), memory: Object.fromEntries(this.memory) });
  }
}

function readRuns(path: string): AutomationRun[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const runs: AutomationRun[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = automationRunSchema.safeParse(JSON.parse(line));
      if (parsed.success) runs.push(parsed.data);
    } catch {
      // A line torn by a crash mid-write: the run's earlier line stands.
    }
  }
  return runs;
}
