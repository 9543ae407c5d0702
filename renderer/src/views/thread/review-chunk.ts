import type * as reviewPanel from '../../review/review-panel.js';

/** The review feature's module (the panel, the diff viewer and their dialogs), loaded on demand. */
export type ReviewModule = typeof reviewPanel;

let loaded: ReviewModule | null = null;
let loading: Promise<ReviewModule> | null = null;

/** The review feature's module once it has loaded; null before. */
export function loadedReviewModule(): ReviewModule | null {
  return loaded;
}

/**
 * Loads the review feature's chunk, once: every caller shares the same load, and a failed load
 * (a flaky connection to the engine's page server) is tried afresh by the next caller.
 */
export function loadReviewModule(): Promise<ReviewModule> {
  loading ??= import('../../review/review-panel.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
