import { useEffect, useState } from 'react';
import type { HunkData, HunkTokens } from 'react-diff-view';
import { whenIdle, type IdleHandle } from '../components/when-idle.js';
import type * as editTokensModule from './edit-tokens.js';
import { languageFor } from './languages.js';
import type * as syntaxModule from './syntax.js';

type Tokenizer = (hunks: HunkData[], path: string) => HunkTokens | null;

// Tokenizing is its own chunk, fetched only once a diff is on screen, so neither the review's code nor its first paint
// waits for it; highlighting (refractor and its grammars) is another, fetched only for a file some grammar fits.
let edits: typeof editTokensModule | null = null;
let syntax: typeof syntaxModule | null = null;
let loadingEdits: Promise<Tokenizer> | null = null;
let loadingSyntax: Promise<Tokenizer> | null = null;

function loadTokenizer(path: string): Promise<Tokenizer> {
  if (languageFor(path) === null) {
    loadingEdits ??= import('./edit-tokens.js').then(
      (module) => {
        edits = module;
        return (hunks) => module.editTokens(hunks, null);
      },
      (error: unknown) => {
        loadingEdits = null;
        throw error;
      },
    );
    return loadingEdits;
  }
  loadingSyntax ??= import('./syntax.js').then(
    (module) => {
      syntax = module;
      return (hunks, file) => module.tokensFor(hunks, module.languageOf(file));
    },
    (error: unknown) => {
      loadingSyntax = null;
      throw error;
    },
  );
  return loadingSyntax;
}

function loadedTokenizer(path: string): Tokenizer | null {
  if (languageFor(path) === null) return edits && ((hunks) => edits?.editTokens(hunks, null) ?? null);
  return syntax && ((hunks, file) => syntax?.tokensFor(hunks, syntax.languageOf(file)) ?? null);
}

function cachedTokens(hunks: readonly HunkData[]): HunkTokens | null | undefined {
  return (syntax ?? edits)?.cachedTokens(hunks);
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
    const loaded = loadedTokenizer(path);
    if (loaded) tokenize(loaded);
    else
      handle = whenIdle(
        () =>
          void loadTokenizer(path).then(
            (tokenizer) => current && tokenize(tokenizer),
            () => undefined,
          ),
      );
    return () => {
      current = false;
      handle?.cancel();
    };
  }, [hunks, path]);
  const cached = cachedTokens(hunks);
  if (cached !== undefined) return cached;
  return tokens?.hunks === hunks ? tokens.value : null;
}
