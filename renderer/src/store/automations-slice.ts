import type { Automation, AutomationRun, InboxState } from '../../../shared/automation.js';
import type { CommandParams } from '../../../shared/commands.js';
import type { EngineChange } from '../../../shared/engine-events.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** What automation/create takes. */
export type AutomationInput = CommandParams<'automation/create'>;
/** What automation/update takes as changes. */
export type AutomationChanges = CommandParams<'automation/update'>['changes'];

/** What the Automations page shows beside its list: one automation, the form for a new one, or one being edited. */
export type AutomationPane =
  { kind: 'show'; automationId: string | null } | { kind: 'new' } | { kind: 'edit'; automationId: string };

/** Automations, their runs as far as this window has seen them, and the inbox. */
export interface AutomationsSlice {
  automationPane: AutomationPane;
  /** Opens the Automations page, on a pane (default: as it was). */
  showAutomations(pane?: AutomationPane): void;
  automations: Record<string, Automation>;
  automationsLoaded: boolean;
  /** Every run this window knows of, by id: loaded (runs of an automation, the inbox) or streamed. */
  automationRuns: Record<string, AutomationRun>;
  /** Whether the inbox shows archived runs too. */
  inboxShowsArchived: boolean;
  /** Loads the automations and the inbox (unread and read runs). */
  loadAutomations(): Promise<void>;
  /** Loads an automation's last runs, or with none the last runs of all. */
  loadAutomationRuns(automationId?: string): Promise<void>;
  /** Loads the inbox; with `all`, archived runs too (and the inbox shows them from then on). */
  loadInbox(all: boolean): Promise<void>;
  createAutomation(input: AutomationInput): Promise<Automation>;
  updateAutomation(automationId: string, changes: AutomationChanges): Promise<Automation>;
  removeAutomation(automationId: string): Promise<void>;
  setAutomationPaused(automationId: string, paused: boolean): Promise<void>;
  /** Runs an automation now; resolves with the run (queued, started or skipped, with why). */
  runAutomation(automationId: string): Promise<AutomationRun>;
  markInbox(runId: string, state: InboxState): Promise<void>;
  /** A webhook automation's secret and the path it listens on (made when it was saved). */
  webhookSecret(automationId: string): Promise<{ secret: string; path: string }>;
}

/** The parts of the automations slice that engine changes update. */
export type AutomationsState = Pick<AutomationsSlice, 'automations' | 'automationRuns'>;

/**
 * Applies an automation change (created, changed, removed, ran) to the slice's state; the same object when the change
 * is about something else. A removed automation's runs stay: its tasks and their history stay too.
 */
export function applyAutomationChange(state: AutomationsState, change: EngineChange): AutomationsState {
  switch (change.type) {
    case 'automation.changed':
      return { ...state, automations: { ...state.automations, [change.automation.id]: change.automation } };
    case 'automation.removed': {
      if (!(change.automationId in state.automations)) return state;
      const { [change.automationId]: _removed, ...automations } = state.automations;
      return { ...state, automations };
    }
    case 'automation.ran':
      return { ...state, automationRuns: { ...state.automationRuns, [change.run.id]: change.run } };
    default:
      return state;
  }
}

/**
 * The runs that an automation change puts in the inbox as new: a run that reached it unread, that this window did
 * not know as read or archived before (marking a run unread again is not news).
 */
export function newInboxRuns(before: AutomationsState, change: EngineChange): AutomationRun[] {
  if (change.type !== 'automation.ran' || change.run.inbox !== 'unread') return [];
  const known = before.automationRuns[change.run.id];
  return known && known.inbox !== null ? [] : [change.run];
}

/** How many inbox runs are unread. */
export function unreadCount(runs: Record<string, AutomationRun>): number {
  let count = 0;
  for (const run of Object.values(runs)) if (run.inbox === 'unread') count += 1;
  return count;
}

/** Orders runs newest first (by when they fired, then id). */
export function compareNewest(a: AutomationRun, b: AutomationRun): number {
  return b.firedAt.localeCompare(a.firedAt) || b.id.localeCompare(a.id);
}

/** Runs newest first (by when they fired). */
export function newestFirst(runs: readonly AutomationRun[]): AutomationRun[] {
  return [...runs].sort(compareNewest);
}

function keyed(runs: readonly AutomationRun[]): Record<string, AutomationRun> {
  return Object.fromEntries(runs.map((run) => [run.id, run]));
}

/** Creates the automations slice. */
export const createAutomationsSlice: Slice<AutomationsSlice> = (set, get) => {
  const keep = (automation: Automation) =>
    set((state) => ({ automations: { ...state.automations, [automation.id]: automation } }));
  const keepRuns = (runs: readonly AutomationRun[]) =>
    set((state) => ({ automationRuns: { ...state.automationRuns, ...keyed(runs) } }));
  return {
    automationPane: { kind: 'show', automationId: null },
    showAutomations(pane) {
      set({ view: 'automations', ...(pane ? { automationPane: pane } : {}) });
    },
    automations: {},
    automationsLoaded: false,
    automationRuns: {},
    inboxShowsArchived: false,
    async loadAutomations() {
      const client = requireClient(get());
      const [{ automations }, inbox] = await Promise.all([
        client.call('automation/list', {}),
        client.call('inbox/list', { all: get().inboxShowsArchived }),
      ]);
      set((state) => ({
        automations: Object.fromEntries(automations.map((automation) => [automation.id, automation])),
        automationsLoaded: true,
        automationRuns: { ...state.automationRuns, ...keyed(inbox.runs) },
      }));
    },
    async loadAutomationRuns(automationId) {
      const { runs } = await requireClient(get()).call(
        'automation/runs',
        automationId === undefined ? { limit: 200 } : { automationId, limit: 20 },
      );
      keepRuns(runs);
    },
    async loadInbox(all) {
      set({ inboxShowsArchived: all });
      const { runs } = await requireClient(get()).call('inbox/list', { all });
      keepRuns(runs);
    },
    async createAutomation(input) {
      const { automation } = await requireClient(get()).call('automation/create', input);
      keep(automation);
      return automation;
    },
    async updateAutomation(automationId, changes) {
      const { automation } = await requireClient(get()).call('automation/update', { automationId, changes });
      keep(automation);
      return automation;
    },
    async removeAutomation(automationId) {
      await requireClient(get()).call('automation/remove', { automationId });
      set((state) => applyAutomationChange(state, { type: 'automation.removed', automationId }));
      set({ automationPane: { kind: 'show', automationId: null } });
    },
    async setAutomationPaused(automationId, paused) {
      const method = paused ? 'automation/pause' : 'automation/resume';
      keep((await requireClient(get()).call(method, { automationId })).automation);
    },
    async runAutomation(automationId) {
      const { run } = await requireClient(get()).call('automation/run', { automationId });
      keepRuns([run]);
      return run;
    },
    async webhookSecret(automationId) {
      return requireClient(get()).call('automation/secret', { automationId });
    },
    async markInbox(runId, state) {
      const { run } = await requireClient(get()).call('inbox/mark', { runId, state });
      keepRuns([run]);
    },
  };
};
