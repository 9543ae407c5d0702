import { useEffect, useState } from 'react';
import type { HunkData, HunkTokens } from 'react-diff-view';
import { whenIdle, type IdleHandle } from '../components/when-idle.js';
import type * as editTokensModule from './edit-tokens.js';
import { languageFor } from './languages.js';

type Tokenizer = (hunks: HunkData[], path: string) => HunkTokens | null;

/** A tokenizer in a chunk of its own: null until loaded; a failed load is tried again next time. */
interface LazyTokenizer {
  loaded: Tokenizer | null;
  load(): Promise<Tokenizer>;
}

function lazyTokenizer(fetch: () => Promise<Tokenizer>): LazyTokenizer {
  let loading: Promise<Tokenizer> | null = null;
  const lazy: LazyTokenizer = {
    loaded: null,
    load: () =>
      (loading ??= fetch().then(
        (tokenizer) => (lazy.loaded = tokenizer),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      )),
  };
  return lazy;
}

// Tokenizing is its own chunk, fetched only once a diff is on screen, so neither the review's code nor its first paint
// waits for it; highlighting (refractor and its grammars) is another, fetched only for a file some grammar fits. Both
// share edit-tokens' cache, reached once either has loaded.
let cached: typeof editTokensModule.cachedTokens | null = null;
const editMarks = lazyTokenizer(() =>
  import('./edit-tokens.js').then((module) => {
    cached = module.cachedTokens;
    return (hunks) => module.editTokens(hunks, null);
  }),
);
const highlighting = lazyTokenizer(() =>
  import('./syntax.js').then((module) => {
    cached = module.cachedTokens;
    return (hunks, path) => module.tokensFor(hunks, module.languageOf(path));
  }),
);

function tokenizerFor(path: string): LazyTokenizer {
  return languageFor(path) === null ? editMarks : highlighting;
}

function cachedTokens(hunks: readonly HunkData[]): HunkTokens | null | undefined {
  return cached?.(hunks);
}

/**
 * Syntax tokens for a visible slice of a diff, computed when the browser is idle so they never
 * delay the first paint; null (plain text) until then, and for good when highlighting cannot
 * load. A slice scrolled away before then is never tokenized.
 */
export function useIdleTokens(hunks: HunkData[], path: string): HunkTokens | null {
  const [tokens, setTokens] = useState<{ hunks: HunkData[]; value: HunkTokens | null } | null>(null);
  useEffect(() => {
    if (cachedTokens(hunks) !== undefined) return;
    let current = true;
    let handle: IdleHandle | null = null;
    // Each slice is tokenized in an idle period of its own, so a screenful of slices never
    // becomes one long task.
    const tokenize = (tokenizer: Tokenizer) => {
      handle = whenIdle(() => setTokens({ hunks, value: tokenizer(hunks, path) }));
    };
    const lazy = tokenizerFor(path);
    if (lazy.loaded) tokenize(lazy.loaded);
    else
      handle = whenIdle(
        () =>
          void lazy.load().then(
            (tokenizer) => current && tokenize(tokenizer),
            () => undefined,
          ),
      );
    return () => {
      current = false;
      handle?.cancel();
    };
  }, [hunks, path]);
  const known = cachedTokens(hunks);
  if (known !== undefined) return known;
  return tokens?.hunks === hunks ? tokens.value : null;
}
