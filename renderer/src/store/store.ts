import { create } from 'zustand';
import type { EngineClient } from '../transport/engine-client.js';
import { createReviewSlice, type ReviewSlice } from '../review/review-slice.js';
import { createAutomationsSlice, type AutomationsSlice } from './automations-slice.js';
import { createCompareSlice, type CompareSlice } from './compare-slice.js';
import { createComposerSlice, type ComposerSlice } from './composer-slice.js';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.js';
import { createNotificationsSlice, type NotificationsSlice } from './notifications-slice.js';
import { createReposSlice, type ReposSlice } from './repos-slice.js';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.js';
import { createTasksSlice, type TasksSlice } from './tasks-slice.js';
import { createThreadsSlice, type ThreadsSlice } from './threads-slice.js';
import { createUiSlice, type UiSlice } from './ui-slice.js';
import { createQueueSlice, type QueueSlice } from './queue-slice.js';
import { createMcpSlice, type McpSlice } from './mcp-slice.js';
import { createTerminalsSlice, type TerminalsSlice } from './terminals-slice.js';
import { createHostsSlice, type HostsSlice } from './hosts-slice.js';

/**
 * The renderer's single store, composed from slices. Each slice lives in its own file and is
 * added here; components read narrow selectors (`useStore((s) => s.tasks[id]?.status)`), and
 * async work lives in slice actions, which reach the engine through `client`.
 */
export type RootState = CoreState &
  ConnectionSlice &
  ReposSlice &
  TasksSlice &
  ThreadsSlice &
  UiSlice &
  SettingsSlice &
  ReviewSlice &
  ComposerSlice &
  NotificationsSlice &
  CompareSlice &
  AutomationsSlice &
  QueueSlice &
  McpSlice &
  TerminalsSlice &
  HostsSlice;

/** State every slice may read: the engine client. */
export interface CoreState {
  client: EngineClient | null;
  setClient(client: EngineClient): void;
}

/** Creates a fresh store (the app uses one; tests make their own). */
export function createRootStore() {
  return create<RootState>()((...a) => ({
    client: null,
    setClient: (client) => a[0]({ client }),
    ...createConnectionSlice(...a),
    ...createReposSlice(...a),
    ...createTasksSlice(...a),
    ...createThreadsSlice(...a),
    ...createUiSlice(...a),
    ...createSettingsSlice(...a),
    ...createReviewSlice(...a),
    ...createComposerSlice(...a),
    ...createNotificationsSlice(...a),
    ...createCompareSlice(...a),
    ...createAutomationsSlice(...a),
    ...createQueueSlice(...a),
    ...createMcpSlice(...a),
    ...createTerminalsSlice(...a),
    ...createHostsSlice(...a),
  }));
}

/** The one store. */
export const useStore = createRootStore();
