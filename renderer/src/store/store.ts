import { create } from 'zustand';
import type { EngineClient } from '../transport/engine-client.js';
import { createReviewSlice, type ReviewSlice } from '../review/review-slice.js';

/**
 * The renderer's single store, composed from slices. Each slice lives in its own file and is
 * added here; components read narrow selectors (`useStore((s) => s.tasks[id]?.status)`), and
 * async work lives in slice actions, which reach the engine through `client`.
 */
export type RootState = CoreState & ReviewSlice;

/** State every slice may read: the engine client. */
export interface CoreState {
  client: EngineClient | null;
  setClient(client: EngineClient): void;
}

/** The one store. */
export const useStore = create<RootState>()((...a) => ({
  client: null,
  setClient: (client) => a[0]({ client }),
  ...createReviewSlice(...a),
}));
