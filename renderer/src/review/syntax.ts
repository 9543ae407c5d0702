import type { HunkData, HunkTokens } from 'react-diff-view';
import { refractor } from 'refractor';
import jsx from 'refractor/jsx';
import toml from 'refractor/toml';
import tsx from 'refractor/tsx';
import { editTokens, type LegacyRefractor } from './edit-tokens.js';
export { cachedTokens } from './edit-tokens.js';
import { languageFor } from './languages.js';

refractor.register(jsx);
refractor.register(tsx);
refractor.register(toml);

/** The Prism language to highlight a file with, by its name; null when none fits. */
export function languageOf(path: string): string | null {
  const language = languageFor(path);
  return language !== null && refractor.registered(language) ? language : null;
}

// react-diff-view 3 was written for refractor 3, whose highlight returned the nodes; refractor 5
// returns a root holding them.
const legacyRefractor = {
  highlight: (text: string, language: string) => refractor.highlight(text, language).children,
} as unknown as LegacyRefractor;

/**
 * Highlights hunks and marks the edited parts of changed lines; cached per hunk list. Returns null
 * when tokenizing fails, so the viewer falls back to plain text.
 */
export function tokensFor(hunks: HunkData[], language: string | null): HunkTokens | null {
  return editTokens(hunks, language ? { refractor: legacyRefractor, language } : null);
}
