/** What to print for each match. */
export type GrepMode = 'content' | 'files_with_matches' | 'count';

/** One search, already confined: `target` is a real path inside the real `root`. */
export interface GrepRequest {
  root: string;
  target: string;
  pattern: string;
  glob: string | undefined;
  caseInsensitive: boolean;
  mode: GrepMode;
  /** Stop after this many output lines (one more is read, to know there are more). */
  maxLines: number;
  signal: AbortSignal;
  env: Record<string, string>;
}

/** Output lines (`path:line:text`, `path`, or `path:count`, paths relative to the root) or why the search failed. */
export type GrepOutcome = { kind: 'lines'; lines: string[]; more: boolean } | { kind: 'error'; message: string };

/** Files bigger than this are not searched. */
export const maxGrepFileBytes = 10 * 1024 * 1024;
/** Longest matched line shown whole. */
export const maxGrepLineLength = 500;
