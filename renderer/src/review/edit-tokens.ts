import { markEdits, tokenize, type HunkData, type HunkTokens } from 'react-diff-view';

/** A refractor as react-diff-view 3 calls it (syntax.ts adapts refractor 5 to it). */
export type LegacyRefractor = Extract<NonNullable<Parameters<typeof tokenize>[1]>, { highlight: true }>['refractor'];

const cache = new WeakMap<readonly HunkData[], HunkTokens | null>();

/** Tokens already computed for these hunks, if any (undefined when not computed yet). */
export function cachedTokens(hunks: readonly HunkData[]): HunkTokens | null | undefined {
  return cache.get(hunks);
}

/**
 * Marks the edited parts of changed lines, and highlights them with `highlight` when given; cached per hunk list.
 * Returns null when tokenizing fails, so the viewer falls back to plain text.
 */
export function editTokens(
  hunks: HunkData[],
  highlight: { refractor: LegacyRefractor; language: string } | null,
): HunkTokens | null {
  const known = cache.get(hunks);
  if (known !== undefined) return known;
  let tokens: HunkTokens | null;
  try {
    const enhancers = [markEdits(hunks, { type: 'block' })];
    tokens = highlight ? tokenize(hunks, { highlight: true, ...highlight, enhancers }) : tokenize(hunks, { enhancers });
  } catch {
    tokens = null;
  }
  cache.set(hunks, tokens);
  return tokens;
}
