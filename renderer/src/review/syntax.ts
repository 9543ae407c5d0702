import { markEdits, tokenize, type HunkData, type HunkTokens } from 'react-diff-view';
import { refractor } from 'refractor';
import jsx from 'refractor/jsx';
import toml from 'refractor/toml';
import tsx from 'refractor/tsx';

refractor.register(jsx);
refractor.register(tsx);
refractor.register(toml);

const byExtension: Record<string, string> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'jsx',
  json: 'json',
  jsonc: 'json',
  css: 'css',
  scss: 'scss',
  sass: 'sass',
  less: 'less',
  html: 'markup',
  htm: 'markup',
  xml: 'markup',
  svg: 'markup',
  vue: 'markup',
  md: 'markdown',
  markdown: 'markdown',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  ini: 'ini',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  swift: 'swift',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  m: 'objectivec',
  php: 'php',
  pl: 'perl',
  lua: 'lua',
  r: 'r',
  sql: 'sql',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  diff: 'diff',
  patch: 'diff',
  vb: 'vbnet',
};

const byName: Record<string, string> = {
  makefile: 'makefile',
  gnumakefile: 'makefile',
  '.bashrc': 'bash',
  '.zshrc': 'bash',
};

/** The Prism language to highlight a file with, by its name; null when none fits. */
export function languageOf(path: string): string | null {
  const name = (path.split('/').at(-1) ?? path).toLowerCase();
  const dot = name.lastIndexOf('.');
  const language = byName[name] ?? (dot > 0 ? byExtension[name.slice(dot + 1)] : undefined) ?? null;
  return language !== null && refractor.registered(language) ? language : null;
}

// react-diff-view 3 was written for refractor 3, whose highlight returned the nodes; refractor 5
// returns a root holding them.
type LegacyRefractor = Extract<NonNullable<Parameters<typeof tokenize>[1]>, { highlight: true }>['refractor'];
const legacyRefractor = {
  highlight: (text: string, language: string) => refractor.highlight(text, language).children,
} as unknown as LegacyRefractor;

const cache = new WeakMap<readonly HunkData[], HunkTokens | null>();

/** Tokens already computed for these hunks, if any (undefined when not computed yet). */
export function cachedTokens(hunks: readonly HunkData[]): HunkTokens | null | undefined {
  return cache.get(hunks);
}

/**
 * Highlights hunks and marks the edited parts of changed lines; cached per hunk list. Returns null
 * when tokenizing fails, so the viewer falls back to plain text.
 */
export function tokensFor(hunks: HunkData[], language: string | null): HunkTokens | null {
  const known = cache.get(hunks);
  if (known !== undefined) return known;
  let tokens: HunkTokens | null;
  try {
    const enhancers = [markEdits(hunks, { type: 'block' })];
    tokens = language
      ? tokenize(hunks, { highlight: true, refractor: legacyRefractor, language, enhancers })
      : tokenize(hunks, { enhancers });
  } catch {
    tokens = null;
  }
  cache.set(hunks, tokens);
  return tokens;
}
