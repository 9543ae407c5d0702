import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as NodePty from 'node-pty';

/** The pty package's spawn, or why it cannot be had here. */
export type PtyLoad = { ok: true; spawn: typeof NodePty.spawn } | { ok: false; reason: string };

/** How the engine gets its pty package: node-pty by default; tests give one that fails. */
export type PtyLoader = () => Promise<PtyLoad>;

let loaded: PtyLoad | null = null;

/**
 * Loads node-pty once. It is a native module, built when Flotilla is installed; the desktop app carries its own copy,
 * built for Electron, in its resources folder (electron-builder.yml), which is tried first. Where the build is missing
 * or made for another Node, the reason says so and what to do.
 */
export const loadNodePty: PtyLoader = async () => {
  loaded ??= requirePty();
  return loaded;
};

function requirePty(): PtyLoad {
  const require = createRequire(import.meta.url);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const packaged = resources ? join(resources, 'node-pty') : null;
  try {
    const module = (
      packaged && existsSync(join(packaged, 'package.json')) ? require(packaged) : require('node-pty')
    ) as Partial<typeof NodePty>;
    if (typeof module.spawn !== 'function') return { ok: false, reason: 'node-pty loaded but has no spawn function.' };
    return { ok: true, spawn: module.spawn };
  } catch (error) {
    return { ok: false, reason: unloadableReason(error) };
  }
}

function unloadableReason(error: unknown): string {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
    return 'node-pty is not installed (its native build failed or was skipped when Flotilla was installed). Reinstall with a C++ compiler and Python available, e.g. `npm rebuild node-pty`.';
  return `node-pty could not load: ${message}. Rebuild it for this Node or Electron (\`npm rebuild node-pty\`).`;
}
