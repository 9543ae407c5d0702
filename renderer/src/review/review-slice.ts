import type { Slice } from '../store/slice.js';

/** Review state: diffs, merge previews and line comments per task (owned by the review feature). */
export interface ReviewSlice {
  reviewPlaceholder: null;
}

/** Creates the review slice. */
export const createReviewSlice: Slice<ReviewSlice> = () => ({ reviewPlaceholder: null });
