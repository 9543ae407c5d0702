import { useEffect, useState } from 'react';
import type { HunkData, HunkTokens } from 'react-diff-view';
import { whenIdle, type IdleHandle } from '../components/when-idle.js';
import type * as syntaxModule from './syntax.js';

type SyntaxModule = typeof syntaxModule;

// Highlighting (refractor and its grammars) is its own chunk, fetched only once a diff is on
// screen, so neither the review's code nor its first paint waits for it.
let syntax: SyntaxModule | null = null;
let loading: Promise<SyntaxModule> | null = null;

function loadSyntax(): Promise<SyntaxModule> {
  loading ??= import('./syntax.js').then(
    (module) => (syntax = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Syntax tokens for a visible slice of a diff, computed when the browser is idle so they never
 * delay the first paint; null (plain text) until then, and for good when highlighting cannot
 * load. A slice scrolled away before then is never tokenized.
 */
export function useIdleTokens(hunks: HunkData[], path: string): HunkTokens | null {
  const [tokens, setTokens] = useState<{ hunks: HunkData[]; value: HunkTokens | null } | null>(null);
  useEffect(() => {
    if (syntax?.cachedTokens(hunks) !== undefined) return;
    let current = true;
    let handle: IdleHandle | null = null;
    // Each slice is tokenized in an idle period of its own, so a screenful of slices never
    // becomes one long task.
    const tokenize = (module: SyntaxModule) => {
      handle = whenIdle(() => setTokens({ hunks, value: module.tokensFor(hunks, module.languageOf(path)) }));
    };
    if (syntax) tokenize(syntax);
    else
      handle = whenIdle(
        () =>
          void loadSyntax().then(
            (module) => current && tokenize(module),
            () => undefined,
          ),
      );
    return () => {
      current = false;
      handle?.cancel();
    };
  }, [hunks, path]);
  const cached = syntax?.cachedTokens(hunks);
  if (cached !== undefined) return cached;
  return tokens?.hunks === hunks ? tokens.value : null;
}
