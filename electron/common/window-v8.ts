/**
 * V8 flags for the window's renderer: no Sparkplug (V8's baseline compiler). Its machine code is most of what the
 * window's JS heap grows by as the app is used: every function run a few times gets some, and keeps it. Without it,
 * after the memory bench's long-use loop the window's JS heap is about 2 MB smaller (9.1 → 7.1 MB) and the renderer's
 * RSS about 1.5 MB; the window's timed figures (streaming frames, opening a long thread, a large diff, start-up) did
 * not move, as hot functions still get Maglev and TurboFan code. FLOTILLA_SPARKPLUG=1 keeps it, to compare.
 */
export function windowJsFlags(env: Readonly<Record<string, string | undefined>>): string[] {
  return env.FLOTILLA_SPARKPLUG === '1' ? [] : ['--no-sparkplug'];
}

/**
 * The value for Chromium's --js-flags switch: the flags already given, then each of the window's that they do not
 * already set either way (a person's own `--sparkplug` wins).
 */
export function withWindowJsFlags(given: string, env: Readonly<Record<string, string | undefined>>): string {
  const flags = given.split(/\s+/).filter(Boolean);
  const named = new Set(flags.map(flagName));
  for (const flag of windowJsFlags(env)) if (!named.has(flagName(flag))) flags.push(flag);
  return flags.join(' ');
}

/** A V8 flag's name without its value or "no-" ("--no-sparkplug", "--sparkplug=true" → "sparkplug"). */
function flagName(flag: string): string {
  return flag.replace(/^--?/, '').replace(/=.*$/, '').replace(/^no-?/, '').replace(/_/g, '-');
}
