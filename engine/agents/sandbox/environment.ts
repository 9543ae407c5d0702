/** Variables agent processes inherit; everything else is dropped. */
export const allowedEnvironment = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'PROGRAMFILES',
] as const;

/**
 * Matches variables that must never reach an agent process even if the allow-list grows: credentials and Node/Electron
 * switches.
 */
export const forbiddenEnvironment = [
  /_API_KEY$/,
  /_TOKEN$/,
  /_SECRET$/,
  /_PASSWORD$/,
  /^ANTHROPIC_/,
  /^OPENAI_/,
  /^ELECTRON_RUN_AS_NODE$/,
  /^NODE_OPTIONS$/,
];

/** Fixed settings for agent processes: no pagers or prompts that would hang a non-interactive command. */
export const agentEnvironment: Readonly<Record<string, string>> = {
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  GIT_TERMINAL_PROMPT: '0',
  NO_COLOR: '1',
};

/**
 * The environment for an agent process: the allow-listed variables (plus LC_*) from `env`, never
 * anything that looks like a credential, ELECTRON_RUN_AS_NODE or NODE_OPTIONS, plus `agentEnvironment`.
 * Names are compared case-insensitively, as Windows does.
 */
export function scrubEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const allowed = new Set<string>(allowedEnvironment);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const upper = name.toUpperCase();
    if (!allowed.has(upper) && !upper.startsWith('LC_')) continue;
    if (forbiddenEnvironment.some((pattern) => pattern.test(upper))) continue;
    result[name] = value;
  }
  return { ...result, ...agentEnvironment };
}
